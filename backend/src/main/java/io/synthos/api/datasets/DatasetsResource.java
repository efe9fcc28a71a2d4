package io.synthos.api.datasets;

import io.synthos.orchestrator.OrchestratorAddresses;
import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.grpc.GrpcClients;
import io.synthos.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The datasets resource of one API verticle instance: its table (through a pool shared by every
 * instance), its data-service client, the listener that records finished ingests, and a janitor
 * that drops expired uploads, finishes deletions and follows up ingests whose end went unheard.
 */
public final class DatasetsResource {

  private static final Logger log = LoggerFactory.getLogger(DatasetsResource.class);
  private static final Duration JANITOR_PERIOD = Duration.ofSeconds(30);
  private static final Duration FOLLOW_UP_AFTER = Duration.ofMinutes(1);

  private final Vertx vertx;
  private final Pool pool;
  private final GrpcClients grpc;
  private final DataServiceClient data;
  private final DatasetStore store;
  private final DatasetIngests ingests;
  private final DatasetUploads uploads;
  private final DatasetDownloads downloads;
  private final DatasetDeletions deletions;
  private final SchemaOverrides schemas;
  private final Clock clock;
  private MessageConsumer<JsonObject> events;
  private long janitor = -1;

  public DatasetsResource(Vertx vertx, SynthosConfig config, OrchestratorClient orchestrator) {
    this(vertx, config, orchestrator, Clock.systemUTC());
  }

  DatasetsResource(
      Vertx vertx, SynthosConfig config, OrchestratorClient orchestrator, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.pool =
        PgSettings.fromUrl(config.database().url())
            .sharedPool(vertx, "synthos-api", config.database().poolSize());
    this.grpc = GrpcClients.create(vertx, config);
    this.data =
        new DataServiceClient(
            grpc.service("data", config.services().data(), config.grpc().deadline()),
            config.datasets().uploadUrlTtl());
    this.store = new DatasetStore(pool);
    this.ingests = new DatasetIngests(store, data, orchestrator, clock, Metrics.of(vertx));
    this.uploads =
        new DatasetUploads(
            store,
            data,
            ingests,
            config.datasets().maxUploadBytes(),
            config.datasets().uploadUrlTtl(),
            clock);
    this.downloads = new DatasetDownloads(data);
    this.deletions = new DatasetDeletions(store, data, clock);
    this.schemas = new SchemaOverrides(store, data, ingests);
  }

  /** Listens for finished ingests and starts the janitor. */
  public Future<Void> start() {
    events =
        vertx
            .eventBus()
            .<JsonObject>consumer(
                OrchestratorAddresses.JOB_EVENTS, message -> onJobEvent(message.body()));
    janitor = vertx.setPeriodic(JANITOR_PERIOD.toMillis(), id -> sweep());
    return events.completion();
  }

  public Future<Void> close() {
    vertx.cancelTimer(janitor);
    Future<Void> unregistered = events == null ? Future.succeededFuture() : events.unregister();
    return Future.join(unregistered, grpc.close(), pool.close()).mapEmpty();
  }

  private void onJobEvent(JsonObject event) {
    if (!"job".equals(event.getString("kind")) || !"data.ingest".equals(event.getString("type"))) {
      return;
    }
    UUID jobId = UUID.fromString(event.getString("job_id"));
    ingests
        .finish(jobId, event.getString("state"), event.getString("reason"))
        .onFailure(
            failure ->
                log.warn(
                    "cannot record the end of ingest job {} now ({}); the janitor will",
                    jobId,
                    failure.getMessage()));
  }

  /** One round of housekeeping; every step is safe on every instance of every node at once. */
  Future<Void> sweep() {
    Future<Void> expired =
        store
            .expireUploads(clock.instant(), 100)
            .compose(
                ids ->
                    Future.join(ids.stream().map(id -> data.abort(id).otherwiseEmpty()).toList())
                        .mapEmpty());
    return Future.join(
            expired,
            deletions.retryStale(FOLLOW_UP_AFTER),
            ingests.reconcileStale(clock.instant().minus(FOLLOW_UP_AFTER)))
        .<Void>mapEmpty()
        .onFailure(failure -> log.warn("dataset housekeeping failed: {}", failure.getMessage()));
  }

  /** Which datasets a user owns, for the resources that work on them. */
  public DatasetLookup lookup() {
    return new DatasetLookup(pool);
  }

  DatasetStore store() {
    return store;
  }

  DatasetIngests ingests() {
    return ingests;
  }

  DatasetUploads uploads() {
    return uploads;
  }

  DatasetDownloads downloads() {
    return downloads;
  }

  DatasetDeletions deletions() {
    return deletions;
  }

  SchemaOverrides schemas() {
    return schemas;
  }
}
