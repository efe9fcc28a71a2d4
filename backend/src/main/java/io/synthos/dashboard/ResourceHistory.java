package io.synthos.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The allocated CPU of each pool over the last minutes, from the resource snapshots the relay sees,
 * so the page's chart starts with a past instead of an empty line. Bounded; one event loop only.
 */
final class ResourceHistory {

  /** Five minutes of the tracker's one-second snapshots. */
  static final int MAX_POINTS = 300;

  private final Map<String, Deque<JsonArray>> points = new LinkedHashMap<>();

  void record(JsonObject snapshot) {
    long at = System.currentTimeMillis();
    JsonArray pools = snapshot.getJsonArray("pools", new JsonArray());
    for (int i = 0; i < pools.size(); i++) {
      JsonObject pool = pools.getJsonObject(i);
      Deque<JsonArray> series =
          points.computeIfAbsent(pool.getString("name"), name -> new ArrayDeque<>());
      series.addLast(new JsonArray().add(at).add(cpu(pool, "allocated")));
      while (series.size() > MAX_POINTS) {
        series.removeFirst();
      }
    }
  }

  /** {@code {pool: [[epoch ms, allocated cpu millis], …]}}, oldest first. */
  JsonObject toJson() {
    JsonObject json = new JsonObject();
    points.forEach((pool, series) -> json.put(pool, new JsonArray(series.stream().toList())));
    return json;
  }

  static int cpu(JsonObject pool, String field) {
    return pool.getJsonObject(field, new JsonObject()).getInteger("cpu_millis", 0);
  }
}
