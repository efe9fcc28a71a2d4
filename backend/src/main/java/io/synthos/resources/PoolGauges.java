package io.synthos.resources;

import io.synthos.platform.metrics.Metrics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Each ML pool's capacity and what running jobs hold of it, per resource (cpu_millis, memory_mib,
 * gpus), as gauges set from the tracker's snapshot.
 */
final class PoolGauges {

  private static final List<String> RESOURCES = List.of("cpu_millis", "memory_mib", "gpus");

  private final Metrics metrics;

  PoolGauges(Metrics metrics) {
    this.metrics = metrics;
  }

  void update(JsonArray pools) {
    for (Object item : pools) {
      JsonObject pool = (JsonObject) item;
      String name = pool.getString("name");
      for (String resource : RESOURCES) {
        set(Metrics.RESOURCE_CAPACITY, name, resource, pool.getJsonObject("capacity"));
        set(Metrics.RESOURCE_ALLOCATED, name, resource, pool.getJsonObject("allocated"));
      }
    }
  }

  private void set(String metric, String pool, String resource, JsonObject amounts) {
    metrics.level(metric, "pool", pool, "resource", resource).set(amounts.getInteger(resource));
  }
}
