package io.synthos.orchestrator;

import io.synthos.auth.AccessRules;
import io.synthos.orchestrator.execution.JobEvents;
import io.synthos.orchestrator.execution.JobExecutors;
import io.synthos.orchestrator.execution.Scheduler;
import io.synthos.orchestrator.execution.SchedulerSettings;
import io.synthos.orchestrator.jobs.ExponentialBackoff;
import io.synthos.orchestrator.jobs.JobGauges;
import io.synthos.orchestrator.jobs.JobStore;
import io.synthos.orchestrator.jobs.ResourceEstimator;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.synthos.platform.HttpServers;
import io.synthos.platform.MlGrpcClient;
import io.synthos.platform.TlsOptions;
import io.synthos.platform.bus.BusService;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.metrics.Metrics;
import io.synthos.proto.v1.CollapseGrpcService;
import io.synthos.proto.v1.DataGrpcService;
import io.synthos.proto.v1.OrchestratorGrpcService;
import io.synthos.proto.v1.ValidationGrpcService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.health.HealthService;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator: owns jobs and pipelines in PostgreSQL and every call to the ML services. It
 * answers callers over the event bus, runs this node's {@link Scheduler}, wakes on PostgreSQL
 * notifications and event-bus wake-ups, and serves its gRPC port.
 */
public final class SchedulerVerticle extends VerticleBase {

  /** The readiness check of the database, answered on {@link OrchestratorAddresses#HEALTH}. */
  public static final String POSTGRES_CHECK = "postgres";

  private static final Logger log = LoggerFactory.getLogger(SchedulerVerticle.class);

  private final SynthosConfig config;
  private final String nodeId;
  private final Clock clock;
  private final UnaryOperator<JobExecutors> customize;
  private final UnaryOperator<SchedulerSettings> tune;
  private Pool pool;
  private GrpcClient grpcClient;
  private HttpServer grpcServer;
  private PgSubscriber subscriber;
  private Scheduler scheduler;
  private OrchestratorHealth health;
  private BreakerStates breakerStates;
  private final List<MlServiceClient> services = new ArrayList<>();
  private JobGauges gauges;
  private long gaugeTimer = -1;

  public SchedulerVerticle(SynthosConfig config, String nodeId) {
    this(config, nodeId, Clock.systemUTC(), UnaryOperator.identity(), UnaryOperator.identity());
  }

  /**
   * @param clock where the scheduler reads time (tests move it)
   * @param customize replaces executors (tests put fakes at the boundary)
   * @param tune adjusts the scheduler's settings (tests shorten leases)
   */
  public SchedulerVerticle(
      SynthosConfig config,
      String nodeId,
      Clock clock,
      UnaryOperator<JobExecutors> customize,
      UnaryOperator<SchedulerSettings> tune) {
    this.config = config;
    this.nodeId = nodeId;
    this.clock = clock;
    this.customize = customize;
    this.tune = tune;
  }

  @Override
  public Future<?> start() {
    PgSettings database = PgSettings.fromUrl(config.database().url());
    pool = database.pool(vertx, "synthos-orchestrator", config.database().poolSize());
    grpcClient =
        MlGrpcClient.create(
            vertx,
            config,
            new GrpcClientOptions()
                .setTimeout((int) config.grpc().deadline().toMillis())
                .setTimeoutUnit(TimeUnit.MILLISECONDS)
                .setScheduleDeadlineAutomatically(true));
    var ml = config.services();
    Duration deadline = config.grpc().deadline();
    MlServiceClient data =
        add(
            new MlServiceClient(
                vertx, grpcClient, "data", DataGrpcService.SERVICE_NAME, ml.data(), deadline));
    MlServiceClient validation =
        add(
            new MlServiceClient(
                vertx,
                grpcClient,
                "validation",
                ValidationGrpcService.SERVICE_NAME,
                ml.validation(),
                deadline));
    MlServiceClient collapse =
        add(
            new MlServiceClient(
                vertx,
                grpcClient,
                "collapse",
                CollapseGrpcService.SERVICE_NAME,
                ml.collapse(),
                deadline));

    JobStore store = new JobStore(pool);
    ResourceEstimator estimator = new ResourceEstimator();
    PipelineStore pipelines = new PipelineStore(pool, store, estimator);
    JobEvents events = new JobEvents(vertx.eventBus(), clock, Metrics.of(vertx));
    JobExecutors executors =
        customize.apply(
            new JobExecutors(
                vertx, data, validation, collapse, pipelines, config.grpc().workDeadline()));
    scheduler =
        new Scheduler(
            vertx,
            store,
            pipelines,
            executors,
            new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5), Math::random),
            clock,
            tune.apply(SchedulerSettings.defaults(nodeId).withLease(config.scheduler().lease())),
            events);
    health = new OrchestratorHealth(pool, database, services, nodeId);
    JobRequests requests =
        new JobRequests(pool, store, pipelines, estimator, events, vertx.eventBus(), clock);

    List<MessageConsumer<?>> consumers = new ArrayList<>();
    consumers.add(serve(OrchestratorAddresses.JOBS_SUBMIT, requests::submit));
    consumers.add(serve(OrchestratorAddresses.JOBS_GET, requests::get));
    consumers.add(serve(OrchestratorAddresses.JOBS_LIST, requests::list));
    consumers.add(serve(OrchestratorAddresses.JOBS_CANCEL, requests::cancel));
    consumers.add(serve(OrchestratorAddresses.JOBS_RETRY, requests::retry));
    consumers.add(serve(OrchestratorAddresses.QUEUE_STATS, requests::queueStats));
    consumers.add(serve(OrchestratorAddresses.PIPELINES_CREATE, requests::createPipeline));
    consumers.add(serve(OrchestratorAddresses.PIPELINES_GET, requests::getPipeline));
    consumers.add(serve(OrchestratorAddresses.PIPELINES_CANCEL, requests::cancelPipeline));
    consumers.add(serve(OrchestratorAddresses.DATASETS_INGEST, requests::ingest));
    consumers.add(serve(OrchestratorAddresses.DATASETS_USERS, requests::datasetUsers));
    consumers.add(
        vertx.eventBus().<JsonObject>consumer(OrchestratorAddresses.HEALTH, health::answer));
    consumers.add(
        vertx.eventBus().consumer(OrchestratorAddresses.WAKE, message -> scheduler.wake()));
    consumers.add(
        vertx
            .eventBus()
            .<String>localConsumer(
                OrchestratorAddresses.MEMBER_GONE, message -> releaseGone(message.body())));
    consumers.add(
        vertx
            .eventBus()
            .<JsonObject>consumer(
                OrchestratorAddresses.JOBS_STOP,
                message ->
                    scheduler.requestStop(
                        UUID.fromString(message.body().getString("job_id")), "cancel requested")));
    scheduler.start();
    breakerStates = new BreakerStates(vertx, nodeId, services);
    breakerStates.start();
    gauges = new JobGauges(pool, Metrics.of(vertx), clock);
    gaugeTimer = vertx.setPeriodic(0, JobGauges.PERIOD.toMillis(), id -> gauges.refresh());
    listen(database);
    return Future.join(
        Future.all(consumers.stream().map(MessageConsumer::completion).toList()),
        AccessRules.load(vertx)
            .compose(rules -> listenGrpc(new OrchestratorGrpcEndpoint(vertx, requests, rules))));
  }

  /** Re-queues at once what a departed member was running; any surviving node may win the rows. */
  private void releaseGone(String goneNode) {
    if (goneNode.equals(nodeId)) {
      return;
    }
    scheduler
        .reap(goneNode)
        .onSuccess(
            changes -> {
              if (!changes.isEmpty()) {
                log.info("re-queued {} job(s) of departed node {}", changes.size(), goneNode);
              }
            });
  }

  private MlServiceClient add(MlServiceClient client) {
    services.add(client);
    return client;
  }

  /** LISTEN for enqueues made anywhere; a lost connection only slows wake-ups to the poll. */
  private void listen(PgSettings database) {
    subscriber =
        PgSubscriber.subscriber(vertx, database.connectOptions())
            .reconnectPolicy(retries -> 1_000L);
    subscriber.channel(JobStore.CHANNEL).handler(payload -> scheduler.wake());
    subscriber
        .connect()
        .onFailure(
            failure -> {
              log.warn(
                  "LISTEN {} failed ({}); polling until it succeeds",
                  JobStore.CHANNEL,
                  failure.getMessage());
              vertx.setTimer(
                  5_000,
                  id -> {
                    if (subscriber != null && subscriber.closed()) {
                      listen(database);
                    }
                  });
            });
  }

  private Future<HttpServer> listenGrpc(OrchestratorGrpcEndpoint endpoint) {
    HealthService grpcHealth =
        HealthService.create(vertx)
            .register(OrchestratorGrpcService.SERVICE_NAME, () -> Future.succeededFuture(true));
    GrpcServer server = GrpcServer.server(vertx).addService(grpcHealth);
    endpoint.bind(server);
    return HttpServers.listen(
            vertx,
            "orchestrator gRPC",
            TlsOptions.server(config.tls(), new HttpServerOptions()),
            config.bindHost(),
            config.grpc().port(),
            server)
        .onSuccess(listening -> grpcServer = listening);
  }

  private MessageConsumer<JsonObject> serve(
      String address, Function<JsonObject, Future<JsonObject>> operation) {
    return BusService.serve(vertx, address, operation);
  }

  /** The scheduler of this verticle, for tests that drive it directly. */
  public Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public Future<?> stop() {
    if (breakerStates != null) {
      breakerStates.stop();
    }
    vertx.cancelTimer(gaugeTimer);
    return scheduler
        .stop()
        .eventually(
            () -> {
              services.forEach(MlServiceClient::close);
              return Future.join(
                  grpcServer == null ? Future.succeededFuture() : grpcServer.close(),
                  subscriber == null ? Future.succeededFuture() : subscriber.close(),
                  grpcClient.close(),
                  pool.close());
            });
  }
}
