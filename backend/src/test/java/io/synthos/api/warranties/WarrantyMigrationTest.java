package io.synthos.api.warranties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.platform.db.PgSettings;
import io.synthos.testing.TestInfra;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The migration that makes one live warranty per validation and tier, on a database in use. */
@DisplayName("Migrating warranties to one live warranty per tier")
class WarrantyMigrationTest {

  private static final OffsetDateTime T0 =
      OffsetDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);

  @Test
  @DisplayName(
      "keeps every certificate already issued valid, and refuses a second live one from then on")
  void existingDuplicates() throws Exception {
    PgSettings settings = PgSettings.fromUrl(TestInfra.get().freshDatabase());
    flyway(settings, "7").migrate();
    UUID owner = UUID.randomUUID();
    UUID validation = UUID.randomUUID();
    Map<String, UUID> ids = new HashMap<>();
    try (Connection db = connect(settings)) {
      insertValidation(db, validation, owner);
      ids.put("oldest", insertWarranty(db, validation, owner, "basic", 0, false));
      ids.put("later", insertWarranty(db, validation, owner, "basic", 1, false));
      ids.put("revoked", insertWarranty(db, validation, owner, "basic", 2, true));
      ids.put("standard", insertWarranty(db, validation, owner, "standard", 3, false));
    }

    flyway(settings, "latest").migrate();

    try (Connection db = connect(settings)) {
      assertThat(flags(db))
          .containsEntry(ids.get("oldest"), false)
          .containsEntry(ids.get("later"), true)
          .containsEntry(ids.get("revoked"), false)
          .containsEntry(ids.get("standard"), false)
          .hasSize(4);
      try (Statement statement = db.createStatement();
          ResultSet live =
              statement.executeQuery("SELECT count(*) FROM warranties WHERE revoked_at IS NULL")) {
        assertThat(live.next()).isTrue();
        assertThat(live.getInt(1)).isEqualTo(3);
      }
      assertThatThrownBy(() -> insertWarranty(db, validation, owner, "basic", 4, false))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("warranties_one_live_per_tier");
      insertWarranty(db, validation, owner, "premium", 5, false);
    }
  }

  private static Flyway flyway(PgSettings settings, String target) {
    return Flyway.configure()
        .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
        .locations("classpath:db/migration")
        .target(target)
        .load();
  }

  private static Connection connect(PgSettings settings) throws SQLException {
    return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
  }

  private static void insertValidation(Connection db, UUID id, UUID owner) throws SQLException {
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO validations (id, owner_id, dataset_id, request, priority,"
                + " request_sha256, status, created_at, updated_at)"
                + " VALUES (?, ?, ?, '{}'::jsonb, 'express', 'x', 'completed', ?, ?)")) {
      insert.setObject(1, id);
      insert.setObject(2, owner);
      insert.setObject(3, UUID.randomUUID());
      insert.setObject(4, T0);
      insert.setObject(5, T0);
      insert.executeUpdate();
    }
  }

  private static UUID insertWarranty(
      Connection db, UUID validation, UUID owner, String tier, int minutes, boolean revoked)
      throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO warranties (id, owner_id, validation_id, tier, key_id, envelope,"
                + " dataset_sha256, issued_at, expires_at, revoked_at)"
                + " VALUES (?, ?, ?, ?, 'k', '{}'::jsonb, ?, ?, ?, ?)")) {
      insert.setObject(1, id);
      insert.setObject(2, owner);
      insert.setObject(3, validation);
      insert.setString(4, tier);
      insert.setString(5, Fixtures.DATASET_SHA256);
      insert.setObject(6, T0.plusMinutes(minutes));
      insert.setObject(7, T0.plusDays(90));
      insert.setObject(8, revoked ? T0.plusHours(1) : null);
      insert.executeUpdate();
    }
    return id;
  }

  private static Map<UUID, Boolean> flags(Connection db) throws SQLException {
    Map<UUID, Boolean> flags = new HashMap<>();
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, legacy_duplicate FROM warranties")) {
      while (rows.next()) {
        flags.put(rows.getObject(1, UUID.class), rows.getBoolean(2));
      }
    }
    return flags;
  }
}
