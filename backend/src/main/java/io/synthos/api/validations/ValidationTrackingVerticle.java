package io.synthos.api.validations;

import io.synthos.orchestrator.OrchestratorAddresses;
import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the validations' pipelines for its node: applies the orchestrator's job events to the
 * validations and runs the janitor that follows up those whose events went unheard. The launcher
 * deploys one per node, whatever the API's instance count, so a finished validation's report is
 * read from the orchestrator once per node, not once per API instance. Every node of the cluster
 * hears every event and applies it; the store's updates make the second application a no-op.
 */
public final class ValidationTrackingVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(ValidationTrackingVerticle.class);
  private static final Duration JANITOR_PERIOD = Duration.ofSeconds(30);
  private static final Duration FOLLOW_UP_AFTER = Duration.ofMinutes(1);

  private final SynthosConfig config;
  private SqlClient client;
  private MessageConsumer<JsonObject> events;
  private long janitor = -1;

  public ValidationTrackingVerticle(SynthosConfig config) {
    this.config = config;
  }

  /** Completes once the node hears the job events. */
  @Override
  public Future<?> start() {
    client = ValidationsResource.sharedClient(vertx, config);
    ValidationTracker tracker =
        new ValidationTracker(
            new ValidationStore(client),
            new OrchestratorClient(vertx),
            vertx,
            Clock.systemUTC(),
            Metrics.of(vertx));
    // A cluster-wide consumer: the orchestrator that publishes may run on another node.
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

  /** What was under way when the node stops is left to the janitor of this or another node. */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(janitor);
    Future<Void> unregistered = events == null ? Future.succeededFuture() : events.unregister();
    return Future.join(unregistered, client == null ? Future.succeededFuture() : client.close());
  }
}
