package io.synthos.api.warranties;

import io.synthos.platform.db.SqlValues;
import io.synthos.platform.http.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code warranties} table: issued envelopes, the salt of their commitments, and their
 * revocations. A validation has at most one live (unrevoked) warranty per tier.
 */
final class WarrantyStore {

  private static final String COLUMNS =
      "id, owner_id, validation_id, tier, key_id, envelope, dataset_sha256, commitment_salt,"
          + " issued_at, expires_at, revoked_at, revocation_reason";
  private static final String SCOPED = " ($2::uuid IS NULL OR owner_id = $2)";

  /** Nothing when the tier already has a live warranty: the caller then reads that one. */
  private static final String INSERT =
      "INSERT INTO warranties (id, owner_id, validation_id, tier, key_id, envelope,"
          + " dataset_sha256, commitment_salt, issued_at, expires_at)"
          + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
          + " ON CONFLICT (validation_id, tier) WHERE revoked_at IS NULL AND NOT legacy_duplicate"
          + " DO NOTHING RETURNING "
          + COLUMNS;

  /** The oldest live one: before V9 a tier could hold several, all still honoured. */
  private static final String LIVE =
      "SELECT "
          + COLUMNS
          + " FROM warranties WHERE validation_id = $1 AND tier = $2 AND owner_id = $3"
          + " AND revoked_at IS NULL ORDER BY issued_at, id LIMIT 1";

  private static final String FIND =
      "SELECT " + COLUMNS + " FROM warranties WHERE id = $1 AND" + SCOPED;
  private static final String LIST =
      "SELECT "
          + COLUMNS
          + " FROM warranties WHERE ($1::uuid IS NULL OR owner_id = $1)"
          + " AND ($2::uuid IS NULL OR validation_id = $2)"
          + " AND ($3::timestamptz IS NULL OR (issued_at, id) < ($3, $4))"
          + " ORDER BY issued_at DESC, id DESC LIMIT $5";
  private static final String REVOKE =
      "UPDATE warranties SET revoked_at = $3, revoked_by = $4, revocation_reason = $5"
          + " WHERE id = $1 AND"
          + SCOPED
          + " AND revoked_at IS NULL RETURNING "
          + COLUMNS;
  private static final String REVOKED =
      "SELECT revoked_at IS NOT NULL AS revoked FROM warranties WHERE id = $1";

  private final Pool pool;

  WarrantyStore(Pool pool) {
    this.pool = pool;
  }

  /** Stores a new warranty; empty when the tier of that validation already has a live one. */
  Future<Optional<JsonObject>> insert(
      UUID id,
      UUID owner,
      UUID validationId,
      String tier,
      String keyId,
      JsonObject envelope,
      String datasetSha256,
      String commitmentSalt,
      Instant issuedAt,
      Instant expiresAt) {
    return pool.preparedQuery(INSERT)
        .execute(
            Tuple.of(id, owner, validationId, tier, keyId, envelope, datasetSha256, commitmentSalt)
                .addValue(at(issuedAt))
                .addValue(at(expiresAt)))
        .map(WarrantyStore::first);
  }

  /** The live warranty of {@code owner}'s validation at {@code tier}, if there is one. */
  Future<Optional<JsonObject>> live(UUID validationId, String tier, UUID owner) {
    return pool.preparedQuery(LIVE)
        .execute(Tuple.of(validationId, tier, owner))
        .map(WarrantyStore::first);
  }

  /** The warranty; {@code scope} its owner, or null for an admin. */
  Future<Optional<JsonObject>> find(UUID id, UUID scope) {
    return pool.preparedQuery(FIND).execute(Tuple.of(id, scope)).map(WarrantyStore::first);
  }

  Future<JsonObject> list(UUID scope, UUID validationId, PageRequest page) {
    Tuple values =
        Tuple.of(scope, validationId, page.afterTime("issued_at"), page.afterId())
            .addInteger(page.limit() + 1);
    return pool.preparedQuery(LIST)
        .execute(values)
        .map(
            rows -> {
              List<JsonObject> items = new ArrayList<>();
              rows.forEach(row -> items.add(toJson(row)));
              // A page is an overview: the envelope and the salt are read one warranty at a time.
              items.forEach(
                  item -> {
                    item.remove("envelope");
                    item.remove("commitment_salt");
                  });
              return page.page(items, "issued_at", "warranty_id");
            });
  }

  /** Revokes a live warranty; empty when it is not the caller's or already revoked. */
  Future<Optional<JsonObject>> revoke(UUID id, UUID scope, UUID by, String reason, Instant now) {
    return pool.preparedQuery(REVOKE)
        .execute(Tuple.of(id, scope, at(now), by, reason))
        .map(WarrantyStore::first);
  }

  /** Whether the warranty with this id was revoked; an unknown id is not. */
  Future<Boolean> revoked(UUID id) {
    return pool.preparedQuery(REVOKED)
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 1 && rows.iterator().next().getBoolean("revoked"));
  }

  private static Optional<JsonObject> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(toJson(rows.iterator().next()));
  }

  private static JsonObject toJson(Row row) {
    String id = row.getUUID("id").toString();
    Object envelope = row.getValue("envelope");
    return new JsonObject()
        .put("warranty_id", id)
        .put("owner_id", row.getUUID("owner_id").toString())
        .put("validation_id", row.getUUID("validation_id").toString())
        .put("tier", row.getString("tier"))
        .put("key_id", row.getString("key_id"))
        .put("dataset_sha256", row.getString("dataset_sha256"))
        .put("commitment_salt", row.getString("commitment_salt"))
        .put("issued_at", time(row.getOffsetDateTime("issued_at")))
        .put("expires_at", time(row.getOffsetDateTime("expires_at")))
        .put("revoked", row.getOffsetDateTime("revoked_at") != null)
        .put("revoked_at", time(row.getOffsetDateTime("revoked_at")))
        .put("revocation_reason", row.getString("revocation_reason"))
        .put("envelope", SqlValues.json(envelope))
        .put(
            "links",
            new JsonObject()
                .put("self", "/api/v1/warranties/" + id)
                .put("certificate", "/api/v1/warranties/" + id + "/certificate"));
  }

  private static OffsetDateTime at(Instant instant) {
    return SqlValues.at(instant);
  }

  private static String time(OffsetDateTime time) {
    return SqlValues.time(time);
  }
}
