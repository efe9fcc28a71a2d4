package io.synthos.platform.db;

import io.synthos.platform.Backoff;
import io.synthos.platform.NodeInfo;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date with Flyway, retrying with backoff while PostgreSQL is unreachable
 * so that the process starts anyway and the schema follows as soon as the database appears. Flyway
 * speaks JDBC, so each attempt runs on a worker thread. Once the schema is current it records this
 * node's start in {@code node_starts}.
 */
public final class SchemaMigrationVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(SchemaMigrationVerticle.class);

  private final PgSettings settings;
  private final NodeInfo node;
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  private long timer = -1;
  private volatile boolean stopped;
  private Future<MigrateResult> attempt = Future.succeededFuture();

  public SchemaMigrationVerticle(PgSettings settings, NodeInfo node) {
    this.settings = settings;
    this.node = node;
  }

  @Override
  public Future<?> start() {
    attempt();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    // An attempt still running on a worker must finish before Vert.x closes its event loops:
    // completing it afterwards would throw on the worker thread. It ends within the connect
    // timeout.
    return attempt.otherwiseEmpty();
  }

  private void attempt() {
    attempt = vertx.executeBlocking(this::migrate, false);
    attempt.onSuccess(this::migrated).onFailure(this::retryLater);
  }

  private MigrateResult migrate() throws SQLException {
    Flyway flyway =
        Flyway.configure()
            .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
            .locations("classpath:db/migration")
            .load();
    MigrateResult result = flyway.migrate();
    recordStart(flyway);
    return result;
  }

  private void recordStart(Flyway flyway) throws SQLException {
    try (Connection connection = flyway.getConfiguration().getDataSource().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO node_starts (node_id, roles, version) VALUES (?, ?, ?)")) {
      insert.setString(1, node.id());
      insert.setArray(2, connection.createArrayOf("text", node.roleNames().toArray()));
      insert.setString(3, node.version());
      insert.executeUpdate();
    }
  }

  private void migrated(MigrateResult result) {
    log.info(
        "schema of {} is at version {} ({} migrations applied now)",
        settings.describe(),
        result.targetSchemaVersion != null
            ? result.targetSchemaVersion
            : result.initialSchemaVersion,
        result.migrationsExecuted);
  }

  private void retryLater(Throwable failure) {
    if (stopped) {
      return;
    }
    Duration wait = backoff.next();
    log.warn(
        "PostgreSQL at {} is not ready ({}); next schema migration attempt in {} s",
        settings.describe(),
        rootMessage(failure),
        wait.toSeconds());
    timer = vertx.setTimer(wait.toMillis(), id -> attempt());
  }

  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
