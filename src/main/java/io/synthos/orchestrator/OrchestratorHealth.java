package io.synthos.orchestrator;

import io.synthos.platform.db.PgSettings;
import io.synthos.platform.health.CheckReport;
import io.synthos.platform.health.HealthRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** Answers readiness for what the orchestrator owns: the database and the three ML services. */
final class OrchestratorHealth {

  private static final String SCHEMA_VERSION_SQL =
      "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1";
  private static final String UNDEFINED_TABLE = "42P01";

  private final Pool pool;
  private final PgSettings database;
  private final List<MlServiceClient> services;

  OrchestratorHealth(Pool pool, PgSettings database, List<MlServiceClient> services) {
    this.pool = pool;
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
    return pool.query(SCHEMA_VERSION_SQL)
        .execute()
        .map(
            rows ->
                rows.size() == 0
                    ? CheckReport.down("schema not migrated yet")
                    : CheckReport.up(
                        new JsonObject()
                            .put("database", database.describe())
                            .put("schema_version", rows.iterator().next().getString("version"))))
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
