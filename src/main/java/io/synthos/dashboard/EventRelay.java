package io.synthos.dashboard;

import io.synthos.orchestrator.OrchestratorAddresses;
import io.synthos.platform.metrics.Metrics;
import io.synthos.resources.ResourceTrackerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code GET /events}: relays {@code jobs.events} as {@code job}, {@code pipeline} and {@code
 * progress} events and {@code resources.snapshot} as {@code resources}, with a keep-alive comment
 * every 15 s. Event ids come from one node-local sequence; nothing is stored, so a client that
 * reconnects with {@code Last-Event-ID} is sent {@code resync} first and reloads the page.
 */
final class EventRelay {

  static final long KEEP_ALIVE_MS = 15_000;
  private static final Set<String> JOB_KINDS = Set.of("job", "pipeline", "progress");

  private final Vertx vertx;
  private final Broadcaster broadcaster = new Broadcaster();
  private final ResourceHistory history;
  private MessageConsumer<JsonObject> jobs;
  private MessageConsumer<JsonObject> resources;
  private long keepAlive = -1;

  EventRelay(Vertx vertx, ResourceHistory history) {
    this.vertx = vertx;
    this.history = history;
  }

  /** Completes once both consumers are registered. */
  Future<Void> start() {
    Metrics.of(vertx).gauge(Metrics.SSE_CLIENTS, broadcaster, b -> b.size(), "stream", "dashboard");
    jobs = vertx.eventBus().consumer(OrchestratorAddresses.JOB_EVENTS, m -> onJobEvent(m.body()));
    resources =
        vertx
            .eventBus()
            .consumer(ResourceTrackerVerticle.SNAPSHOT_ADDRESS, m -> onSnapshot(m.body()));
    keepAlive = vertx.setPeriodic(KEEP_ALIVE_MS, id -> broadcaster.keepAlive());
    return Future.all(jobs.completion(), resources.completion()).mapEmpty();
  }

  void stop() {
    vertx.cancelTimer(keepAlive);
  }

  void stream(RoutingContext rc) {
    HttpServerResponse response = rc.response();
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no")
        // One stream per connection: a dropped client's connection is cut, never reused.
        .putHeader("Connection", "close");
    ResponseSink sink = new ResponseSink(vertx, response, rc.request().connection());
    response.closeHandler(closed -> broadcaster.leave(sink));
    response.write(": connected\n\n");
    broadcaster.join(sink, rc.request().getHeader("Last-Event-ID") != null);
  }

  int clients() {
    return broadcaster.size();
  }

  private void onJobEvent(JsonObject event) {
    String kind = event.getString("kind", "job");
    if (JOB_KINDS.contains(kind)) {
      broadcaster.publish(kind, event);
    }
  }

  private void onSnapshot(JsonObject snapshot) {
    history.record(snapshot);
    broadcaster.publish("resources", snapshot);
  }
}
