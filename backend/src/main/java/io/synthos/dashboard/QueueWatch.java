package io.synthos.dashboard;

import io.synthos.auth.Principal;
import io.synthos.orchestrator.OrchestratorClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the queue statistics every {@link #INTERVAL_MS} while someone watches, and hands on the
 * ones that differ from the last: counts and failures change with jobs, the oldest job's age with
 * time. Nobody watching, no query.
 */
final class QueueWatch {

  static final long INTERVAL_MS = 2_000;

  /** The dashboard itself asking: the statistics are global, never one user's. */
  private static final Principal DASHBOARD =
      new Principal(new UUID(0, 0), Principal.ADMIN, null, null, Map.of());

  private static final Logger log = LoggerFactory.getLogger(QueueWatch.class);

  private final Vertx vertx;
  private final OrchestratorClient orchestrator;
  private final BooleanSupplier watched;
  private final Consumer<JsonObject> onChange;
  private JsonObject last;
  private boolean reading;
  private boolean failing;
  private long timer = -1;

  QueueWatch(
      Vertx vertx,
      OrchestratorClient orchestrator,
      BooleanSupplier watched,
      Consumer<JsonObject> onChange) {
    this.vertx = vertx;
    this.orchestrator = orchestrator;
    this.watched = watched;
    this.onChange = onChange;
  }

  void start() {
    timer = vertx.setPeriodic(INTERVAL_MS, id -> poll());
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  private void poll() {
    if (reading || !watched.getAsBoolean()) {
      return;
    }
    reading = true;
    orchestrator
        .queueStats(DASHBOARD)
        .onComplete(
            read -> {
              reading = false;
              if (read.failed()) {
                if (!failing) {
                  log.warn("queue statistics unavailable: {}", read.cause().getMessage());
                }
                failing = true;
                return;
              }
              failing = false;
              JsonObject stats = read.result();
              JsonObject comparable = stats.copy();
              comparable.remove("at");
              if (!comparable.equals(last)) {
                last = comparable;
                onChange.accept(stats);
              }
            });
  }
}
