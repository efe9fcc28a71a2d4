package io.synthos.orchestrator;

import io.synthos.auth.AccessRules;
import io.synthos.orchestrator.execution.JobEvents;
import io.synthos.orchestrator.execution.JobExecutors;
import io.synthos.orchestrator.execution.Scheduler;
import io.synthos.orchestrator.execution.SchedulerSettings;
import io.synthos.orchestrator.jobs.ExponentialBackoff;
import io.synthos.orchestrator.jobs.JobGauges;
import io.synthos.orchestrator.jobs.JobQueries;
import io.synthos.orchestrator.jobs.JobStore;
import io.synthos.orchestrator.jobs.ResourceEstimator;
import io.synthos.orchestrator.pipelines.PipelineKind;
import io.synthos.orchestrator.pipelines.PipelineRecords;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.synthos.platform.HttpServers;
import io.synthos.platform.TlsOptions;
import io.synthos.platform.bus.BusService;
import io.synthos.platform.config.HostPort;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.grpc.GrpcClients;
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
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.HealthService;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
  private final Map<PipelineKind, PipelineRecords> records;
  private Pool pool;
  private GrpcClients grpcClients;
  private HttpServer grpcServer;
  private PgSubscriber subscriber;
  private Scheduler scheduler;
  private OrchestratorHealth health;
  private BreakerStates breakerStates;
  private final List<MlServiceClient> services = new ArrayList<>();
  private JobGauges gauges;
  private long gaugeTimer = -1;

  /**
   * @param records who keeps a record of which kind of pipeline, written with the pipeline (the
   *     validations resource: {@code validation})
   */
  public SchedulerVerticle(
      SynthosConfig config, String nodeId, Map<PipelineKind, PipelineRecords> records) {
    this(
        config,
        nodeId,
        records,
        Clock.systemUTC(),
        UnaryOperator.identity(),
        UnaryOperator.identity());
  }

  /**
   * @param clock where the scheduler reads time (tests move it)
   * @param customize replaces executors (tests put fakes at the boundary)
   * @param tune adjusts the scheduler's settings (tests shorten leases)
   */
  public SchedulerVerticle(
      SynthosConfig config,
      String nodeId,
      Map<PipelineKind, PipelineRecords> records,
      Clock clock,
      UnaryOperator<JobExecutors> customize,
      UnaryOperator<SchedulerSettings> tune) {
    this.config = config;
    this.nodeId = nodeId;
    this.records = Map.copyOf(records);
    this.clock = clock;
    this.customize = customize;
    this.tune = tune;
  }

  @Override
  public Future<?> start() {
    PgSettings database = PgSettings.fromUrl(config.database().url());
    pool = database.pool(vertx, "synthos-orchestrator", config.database().poolSize());
    grpcClients = GrpcClients.create(vertx, config);
    var ml = config.services();
    MlServiceClient data = add("data", ml.data(), DataGrpcService.SERVICE_NAME);
    MlServiceClient validation =
        add("validation", ml.validation(), ValidationGrpcService.SERVICE_NAME);
    MlServiceClient collapse = add("collapse", ml.collapse(), CollapseGrpcService.SERVICE_NAME);

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
    JobQueries queries = new JobQueries(pool);
    JobRequests jobs =
        new JobRequests(pool, store, queries, estimator, events, vertx.eventBus(), clock);
    PipelineRequests pipelineRequests =
        new PipelineRequests(pool, pipelines, records, events, vertx.eventBus(), clock);
    DatasetUsers datasetUsers = new DatasetUsers(pipelines, queries);

    List<MessageConsumer<?>> consumers = new ArrayList<>();
    consumers.add(serve(OrchestratorAddresses.JOBS_SUBMIT, jobs::submit));
    consumers.add(serve(OrchestratorAddresses.JOBS_GET, jobs::get));
    consumers.add(serve(OrchestratorAddresses.JOBS_LIST, jobs::list));
    consumers.add(serve(OrchestratorAddresses.JOBS_CANCEL, jobs::cancel));
    consumers.add(serve(OrchestratorAddresses.JOBS_RETRY, jobs::retry));
    consumers.add(serve(OrchestratorAddresses.QUEUE_STATS, jobs::queueStats));
    consumers.add(serve(OrchestratorAddresses.PIPELINES_CREATE, pipelineRequests::create));
    consumers.add(serve(OrchestratorAddresses.PIPELINES_GET, pipelineRequests::get));
    consumers.add(serve(OrchestratorAddresses.PIPELINES_CANCEL, pipelineRequests::cancel));
    consumers.add(serve(OrchestratorAddresses.DATASETS_INGEST, jobs::ingest));
    consumers.add(serve(OrchestratorAddresses.DATASETS_USERS, datasetUsers::of));
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
            .compose(
                rules -> listenGrpc(new OrchestratorGrpcEndpoint(vertx, pipelineRequests, rules))));
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

  /** The client of one ML service: quick calls get the configured deadline. */
  private MlServiceClient add(String name, HostPort address, ServiceName service) {
    MlServiceClient client =
        new MlServiceClient(
            vertx, grpcClients.service(name, address, config.grpc().deadline()), service);
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
            () ->
                Future.join(
                    grpcServer == null ? Future.succeededFuture() : grpcServer.close(),
                    subscriber == null ? Future.succeededFuture() : subscriber.close(),
                    grpcClients.close(),
                    pool.close()));
  }
}
