package io.synthos.api.validations;

import io.synthos.orchestrator.OrchestratorAddresses;
import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validations resource of one API verticle instance: its table (through the pipelined client
 * every instance shares), the tracker that follows the pipelines' events, and a janitor that
 * follows up validations whose events went unheard.
 */
public final class ValidationsResource {

  private static final Logger log = LoggerFactory.getLogger(ValidationsResource.class);
  private static final Duration JANITOR_PERIOD = Duration.ofSeconds(30);
  private static final Duration FOLLOW_UP_AFTER = Duration.ofMinutes(1);

  private final Vertx vertx;
  private final SqlClient pool;
  private final ValidationStore store;
  private final ValidationTracker tracker;
  private final OrchestratorClient orchestrator;
  private final Clock clock;
  private MessageConsumer<JsonObject> events;
  private long janitor = -1;

  public ValidationsResource(Vertx vertx, SynthosConfig config, OrchestratorClient orchestrator) {
    this.vertx = vertx;
    this.clock = Clock.systemUTC();
    // Every statement of the store stands alone: a pipelined client carries a burst of reads over
    // a few connections (the most frequent request of the API is reading a validation).
    this.pool =
        PgSettings.fromUrl(config.database().url())
            .sharedPipelinedClient(vertx, "synthos-api-validations", config.database().poolSize());
    this.store = new ValidationStore(pool);
    this.orchestrator = orchestrator;
    this.tracker = new ValidationTracker(store, orchestrator, vertx, clock, Metrics.of(vertx));
  }

  /** Follows the pipelines' events and starts the janitor. */
  public Future<Void> start() {
    events =
        vertx
            .eventBus()
            .<JsonObject>consumer(
                OrchestratorAddresses.JOB_EVENTS,
                message ->
                    tracker
                        .onJobEvent(message.body())
                        .onFailure(
                            failure ->
                                log.warn(
                                    "cannot record a pipeline event now ({}); the janitor will",
                                    failure.getMessage())));
    janitor = vertx.setPeriodic(JANITOR_PERIOD.toMillis(), id -> tracker.followUp(FOLLOW_UP_AFTER));
    return events.completion();
  }

  public Future<Void> close() {
    vertx.cancelTimer(janitor);
    Future<Void> unregistered = events == null ? Future.succeededFuture() : events.unregister();
    return Future.join(unregistered, pool.close()).mapEmpty();
  }

  /** Validations as the other resources may read them. */
  public ValidationLookup lookup() {
    return new ValidationLookup(store);
  }

  ValidationStore store() {
    return store;
  }

  ValidationTracker tracker() {
    return tracker;
  }

  OrchestratorClient orchestrator() {
    return orchestrator;
  }

  Clock clock() {
    return clock;
  }

  Vertx vertx() {
    return vertx;
  }
}
