package io.synthos.api.validations;

import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;

/**
 * The validations resource of one API verticle instance: its table (through the pipelined client
 * every instance shares) and the tracker its routes create and cancel pipelines with. The
 * pipelines' events and the janitor are followed once per node, by {@link
 * ValidationTrackingVerticle}.
 */
public final class ValidationsResource {

  private final Vertx vertx;
  private final SqlClient pool;
  private final ValidationStore store;
  private final ValidationTracker tracker;
  private final OrchestratorClient orchestrator;
  private final Clock clock;

  public ValidationsResource(Vertx vertx, SynthosConfig config, OrchestratorClient orchestrator) {
    this.vertx = vertx;
    this.clock = Clock.systemUTC();
    this.pool = sharedClient(vertx, config);
    this.store = new ValidationStore(pool);
    this.orchestrator = orchestrator;
    this.tracker = new ValidationTracker(store, orchestrator, vertx, clock, Metrics.of(vertx));
  }

  /**
   * The node's client of the validations table, shared by every API instance and the tracker (it
   * closes with the last of them). Every statement of the store stands alone: a pipelined client
   * carries a burst of reads over a few connections (the most frequent request of the API is
   * reading a validation).
   */
  static SqlClient sharedClient(Vertx vertx, SynthosConfig config) {
    return PgSettings.fromUrl(config.database().url())
        .sharedPipelinedClient(vertx, "synthos-api-validations", config.database().poolSize());
  }

  public Future<Void> close() {
    return pool.close();
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
