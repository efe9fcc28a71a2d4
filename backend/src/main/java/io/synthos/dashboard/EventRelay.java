package io.synthos.dashboard;

import io.synthos.orchestrator.OrchestratorAddresses;
import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.platform.NodeHeartbeat;
import io.synthos.platform.metrics.Metrics;
import io.synthos.resources.ResourceTrackerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code GET /events}: relays {@code jobs.events} as {@code job}, {@code pipeline} and {@code
 * progress} events, {@code resources.snapshot} as {@code resources}, every change of the cluster
 * view (heartbeats, breakers) as {@code nodes}, and changed queue statistics as {@code queue}, with
 * a keep-alive comment every 15 s. Event ids come from one node-local sequence; nothing is stored,
 * so a client that reconnects with {@code Last-Event-ID} is sent {@code resync} first and reloads
 * the page.
 */
final class EventRelay {

  static final long KEEP_ALIVE_MS = 15_000;
  static final long SWEEP_MS = 1_000;
  static final long RECHECK_MS = 60_000;
  private static final Set<String> JOB_KINDS = Set.of("job", "pipeline", "progress");

  private final Vertx vertx;
  private final Broadcaster broadcaster = new Broadcaster();
  private final ResourceHistory history;
  private final ClusterView cluster;
  private final QueueWatch queue;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();
  private final Map<EventSink, UUID> watchers = new HashMap<>();
  private final Function<UUID, Future<Boolean>> stillAdmin;

  EventRelay(
      Vertx vertx,
      ResourceHistory history,
      ClusterView cluster,
      OrchestratorClient orchestrator,
      Function<UUID, Future<Boolean>> stillAdmin) {
    this.vertx = vertx;
    this.stillAdmin = stillAdmin;
    this.history = history;
    this.cluster = cluster;
    this.queue =
        new QueueWatch(
            vertx, orchestrator, () -> broadcaster.size() > 0, stats -> publish("queue", stats));
  }

  /** Completes once every consumer is registered. */
  Future<Void> start() {
    Metrics.of(vertx).gauge(Metrics.SSE_CLIENTS, broadcaster, b -> b.size(), "stream", "dashboard");
    consume(OrchestratorAddresses.JOB_EVENTS, this::onJobEvent);
    consume(ResourceTrackerVerticle.SNAPSHOT_ADDRESS, this::onSnapshot);
    consume(NodeHeartbeat.ADDRESS, beat -> clusterChanged(cluster.heartbeat(beat)));
    consume(OrchestratorAddresses.BREAKERS, report -> clusterChanged(cluster.breakers(report)));
    timers.add(vertx.setPeriodic(KEEP_ALIVE_MS, id -> broadcaster.keepAlive()));
    timers.add(vertx.setPeriodic(SWEEP_MS, id -> clusterChanged(cluster.sweep())));
    timers.add(vertx.setPeriodic(RECHECK_MS, id -> recheckWatchers()));
    queue.start();
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  void stop() {
    timers.forEach(vertx::cancelTimer);
    queue.stop();
  }

  private void consume(String address, Consumer<JsonObject> handler) {
    consumers.add(vertx.eventBus().<JsonObject>consumer(address, m -> handler.accept(m.body())));
  }

  private void clusterChanged(boolean changed) {
    if (changed) {
      publish("nodes", cluster.toJson());
    }
  }

  private void publish(String name, JsonObject data) {
    broadcaster.publish(name, data);
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
    watchers.put(sink, AdminSession.admin(rc).userId());
    response.closeHandler(
        closed -> {
          watchers.remove(sink);
          broadcaster.leave(sink);
        });
    response.write(": connected\n\n");
    broadcaster.join(sink, rc.request().getHeader("Last-Event-ID") != null);
  }

  /**
   * Streams outlive the request that checked their admin: every {@link #RECHECK_MS} each watcher is
   * asked about again, and the stream of one who is no longer an admin ends.
   */
  private void recheckWatchers() {
    Set<UUID> admins = new HashSet<>(watchers.values());
    for (UUID admin : admins) {
      stillAdmin
          .apply(admin)
          .onSuccess(
              still -> {
                if (!still) {
                  List.copyOf(watchers.entrySet()).stream()
                      .filter(entry -> entry.getValue().equals(admin))
                      .forEach(
                          entry -> {
                            watchers.remove(entry.getKey());
                            broadcaster.expel(entry.getKey(), "signed-out");
                          });
                }
              });
    }
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
