package io.synthos.orchestrator;

import io.synthos.platform.HttpServers;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.health.CheckReport;
import io.synthos.platform.health.HealthRequest;
import io.synthos.proto.v1.CollapseGrpcService;
import io.synthos.proto.v1.DataGrpcService;
import io.synthos.proto.v1.OrchestratorGrpcService;
import io.synthos.proto.v1.ValidationGrpcService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.health.HealthService;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The orchestrator: owns jobs and pipelines in PostgreSQL and every call to the ML services. For
 * now it answers for the health of what it owns — the database and the three ML services — and
 * serves its gRPC port; the scheduler itself arrives with the job model.
 */
public final class SchedulerVerticle extends VerticleBase {

  /**
   * Health of the database and the ML services: body {@code {"check": name}}, reply a CheckReport.
   */
  public static final String HEALTH_ADDRESS = "orchestrator.health";

  public static final String POSTGRES_CHECK = "postgres";

  private static final String SCHEMA_VERSION_SQL =
      "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1";
  private static final String UNDEFINED_TABLE = "42P01";

  private final SynthosConfig config;
  private final PgSettings database;
  private final Map<String, MlServiceClient> services = new LinkedHashMap<>();
  private Pool pool;
  private GrpcClient grpcClient;
  private HttpServer grpcServer;

  public SchedulerVerticle(SynthosConfig config) {
    this.config = config;
    this.database = PgSettings.fromUrl(config.database().url());
  }

  @Override
  public Future<?> start() {
    pool = database.pool(vertx, config.database().poolSize());
    grpcClient =
        GrpcClient.client(
            vertx,
            new GrpcClientOptions()
                .setTimeout((int) config.grpc().deadline().toMillis())
                .setTimeoutUnit(TimeUnit.MILLISECONDS)
                .setScheduleDeadlineAutomatically(true));
    var ml = config.services();
    var deadline = config.grpc().deadline();
    add(
        new MlServiceClient(
            vertx, grpcClient, "data", DataGrpcService.SERVICE_NAME, ml.data(), deadline));
    add(
        new MlServiceClient(
            vertx,
            grpcClient,
            "validation",
            ValidationGrpcService.SERVICE_NAME,
            ml.validation(),
            deadline));
    add(
        new MlServiceClient(
            vertx,
            grpcClient,
            "collapse",
            CollapseGrpcService.SERVICE_NAME,
            ml.collapse(),
            deadline));

    MessageConsumer<JsonObject> health =
        vertx.eventBus().consumer(HEALTH_ADDRESS, this::answerHealth);
    return Future.join(health.completion(), listenGrpc());
  }

  private void add(MlServiceClient client) {
    services.put(client.name(), client);
  }

  private Future<HttpServer> listenGrpc() {
    HealthService health =
        HealthService.create(vertx)
            .register(OrchestratorGrpcService.SERVICE_NAME, () -> Future.succeededFuture(true));
    GrpcServer server = GrpcServer.server(vertx).addService(health);
    String host = config.bindHost();
    int port = config.grpc().port();
    return HttpServers.listen(vertx, "orchestrator gRPC", host, port, server)
        .onSuccess(listening -> grpcServer = listening);
  }

  private void answerHealth(Message<JsonObject> message) {
    String check = HealthRequest.checkName(message.body());
    Future<CheckReport> report;
    if (POSTGRES_CHECK.equals(check)) {
      report = checkPostgres();
    } else if (services.containsKey(check)) {
      report = services.get(check).health();
    } else {
      message.fail(400, "orchestrator has no check named '" + check + "'");
      return;
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

  @Override
  public Future<?> stop() {
    services.values().forEach(MlServiceClient::close);
    return Future.join(
        grpcServer == null ? Future.succeededFuture() : grpcServer.close(),
        grpcClient.close(),
        pool.close());
  }
}
