package io.synthos.platform;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Map;

/**
 * Says on the event bus, every {@link #INTERVAL_MS}, that this node is alive: its id, roles,
 * verticle instances and start time. Published, so every node's dashboard sees every other node
 * when the event bus is clustered; a node that stops says so, one that dies falls silent.
 */
public final class NodeHeartbeat extends VerticleBase {

  public static final String ADDRESS = "nodes.heartbeat";
  public static final long INTERVAL_MS = 2_000;

  private final NodeInfo node;
  private final Map<String, Integer> instances;
  private final Instant startedAt;
  private long timer = -1;

  public NodeHeartbeat(NodeInfo node, Map<String, Integer> instances, Instant startedAt) {
    this.node = node;
    this.instances = Map.copyOf(instances);
    this.startedAt = startedAt;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(0, INTERVAL_MS, id -> publish("up"));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    publish("stopping");
    return Future.succeededFuture();
  }

  private void publish(String state) {
    vertx.eventBus().publish(ADDRESS, beat(state));
  }

  JsonObject beat(String state) {
    JsonObject counts = new JsonObject();
    instances.forEach(counts::put);
    return new JsonObject()
        .put("node_id", node.id())
        .put("state", state)
        .put("roles", node.roleNames())
        .put("instances", counts)
        .put("version", node.version())
        .put("process", ManagementFactory.getRuntimeMXBean().getName())
        .put("started_at", startedAt.toString())
        .put("interval_ms", INTERVAL_MS);
  }
}
