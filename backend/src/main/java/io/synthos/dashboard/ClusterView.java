package io.synthos.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes this dashboard has heard from: each one's heartbeat (roles, verticle instances,
 * version) and its ML services' breaker states. A node is {@code up} while it beats, {@code
 * stopped} when it said it was stopping, {@code lost} when it fell silent for {@link #MISSED_BEATS}
 * intervals (killed, cut off); a node gone for {@link #FORGET_AFTER} leaves the list. One event
 * loop only; every method answers whether the view changed.
 */
final class ClusterView {

  static final int MISSED_BEATS = 3;
  static final Duration FORGET_AFTER = Duration.ofHours(1);

  private final Clock clock;
  private final Map<String, Node> nodes = new LinkedHashMap<>();

  private static final class Node {
    JsonObject beat;
    String state;
    Instant since;
    Instant lastSeen;
    JsonObject breakers = new JsonObject();
  }

  ClusterView(Clock clock) {
    this.clock = clock;
  }

  boolean heartbeat(JsonObject beat) {
    String id = beat.getString("node_id");
    if (id == null) {
      return false;
    }
    Instant now = clock.instant();
    String state = "stopping".equals(beat.getString("state")) ? "stopped" : "up";
    Node node = nodes.computeIfAbsent(id, key -> new Node());
    boolean changed = !state.equals(node.state);
    if (changed) {
      node.state = state;
      node.since = now;
    }
    node.beat = beat;
    node.lastSeen = now;
    return changed;
  }

  boolean breakers(JsonObject report) {
    Node node = nodes.get(report.getString("node_id", ""));
    JsonObject breakers = report.getJsonObject("breakers", new JsonObject());
    if (node == null || breakers.equals(node.breakers)) {
      return false;
    }
    node.breakers = breakers;
    return true;
  }

  /** Marks silent nodes lost and forgets long-gone ones. */
  boolean sweep() {
    Instant now = clock.instant();
    boolean changed = false;
    for (var entry : List.copyOf(nodes.entrySet())) {
      Node node = entry.getValue();
      long interval = node.beat.getLong("interval_ms", 2_000L);
      boolean silent = node.lastSeen.plusMillis(MISSED_BEATS * interval).isBefore(now);
      if ("up".equals(node.state) && silent) {
        node.state = "lost";
        node.since = node.lastSeen;
        changed = true;
      } else if (!"up".equals(node.state) && node.lastSeen.plus(FORGET_AFTER).isBefore(now)) {
        nodes.remove(entry.getKey());
        changed = true;
      }
    }
    return changed;
  }

  JsonObject toJson() {
    JsonArray list = new JsonArray();
    nodes.forEach(
        (id, node) ->
            list.add(
                node.beat
                    .copy()
                    .put("state", node.state)
                    .put("since", node.since.truncatedTo(ChronoUnit.SECONDS).toString())
                    .put("last_seen", node.lastSeen.truncatedTo(ChronoUnit.SECONDS).toString())
                    .put("breakers", node.breakers.copy())));
    return new JsonObject().put("nodes", list);
  }

  List<NodeRow> rows() {
    List<NodeRow> rows = new ArrayList<>();
    for (Object node : toJson().getJsonArray("nodes")) {
      rows.add(NodeRow.of((JsonObject) node));
    }
    return rows;
  }
}
