package io.synthos.orchestrator;

import io.synthos.platform.db.PgSettings;
import io.synthos.platform.health.CheckReport;
import io.synthos.platform.health.HealthRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** Answers readiness for what the orchestrator owns: the database and the three ML services. */
final class OrchestratorHealth {

  // Migrations commit one by one: the schema is current once this node's migration run recorded
  // its start, which it does after the last one.
  private static final String SCHEMA_SQL =
      "SELECT (SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1)"
          + " AS version, EXISTS (SELECT 1 FROM node_starts WHERE node_id = $1) AS current";
  private static final String UNDEFINED_TABLE = "42P01";

  private final Pool pool;
  private final PgSettings database;
  private final List<MlServiceClient> services;
  private final String nodeId;

  OrchestratorHealth(
      Pool pool, PgSettings database, List<MlServiceClient> services, String nodeId) {
    this.pool = pool;
    this.nodeId = nodeId;
    this.database = database;
    this.services = services;
  }

  void answer(Message<JsonObject> message) {
    String check = HealthRequest.checkName(message.body());
    Future<CheckReport> report;
    if (SchedulerVerticle.POSTGRES_CHECK.equals(check)) {
      report = checkPostgres();
    } else {
      MlServiceClient service =
          services.stream().filter(s -> s.name().equals(check)).findFirst().orElse(null);
      if (service == null) {
        message.fail(400, "orchestrator has no check named '" + check + "'");
        return;
      }
      report = service.health();
    }
    report.onComplete(
        done ->
            message.reply(
                done.succeeded()
                    ? done.result().toJson()
                    : CheckReport.down(done.cause()).toJson()));
  }

  private Future<CheckReport> checkPostgres() {
    return pool.preparedQuery(SCHEMA_SQL)
        .execute(Tuple.of(nodeId))
        .map(
            rows -> {
              Row row = rows.iterator().next();
              return row.getBoolean("current")
                  ? CheckReport.up(
                      new JsonObject()
                          .put("database", database.describe())
                          .put("schema_version", row.getString("version")))
                  : CheckReport.down("schema migration still running");
            })
        .otherwise(this::postgresDown);
  }

  private CheckReport postgresDown(Throwable failure) {
    if (failure instanceof PgException pg && UNDEFINED_TABLE.equals(pg.getSqlState())) {
      return CheckReport.down(
          "PostgreSQL at " + database.describe() + " answers, schema not migrated yet");
    }
    return CheckReport.down("PostgreSQL at " + database.describe() + ": " + failure.getMessage());
  }
}
