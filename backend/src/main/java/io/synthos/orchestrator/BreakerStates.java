package io.synthos.orchestrator;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Tells every node how this orchestrator's circuit breakers stand: at once when one opens, closes
 * or half-opens, and every few seconds so a dashboard started later learns them too.
 */
final class BreakerStates {

  static final long INTERVAL_MS = 5_000;

  private final Vertx vertx;
  private final String nodeId;
  private final List<MlServiceClient> services;
  private long timer = -1;

  BreakerStates(Vertx vertx, String nodeId, List<MlServiceClient> services) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.services = services;
  }

  void start() {
    for (MlServiceClient service : services) {
      service
          .breaker()
          .openHandler(changed -> publish())
          .halfOpenHandler(changed -> publish())
          .closeHandler(changed -> publish());
    }
    timer = vertx.setPeriodic(0, INTERVAL_MS, id -> publish());
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  JsonObject snapshot() {
    JsonObject breakers = new JsonObject();
    services.forEach(service -> breakers.put(service.name(), service.breaker().state().name()));
    return new JsonObject().put("node_id", nodeId).put("breakers", breakers);
  }

  private void publish() {
    vertx.eventBus().publish(OrchestratorAddresses.BREAKERS, snapshot());
  }
}
