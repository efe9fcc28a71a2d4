package io.synthos.dashboard;

import io.vertx.core.json.JsonObject;

/**
 * One ML pool as the page shows it: CPU in cores, memory in GiB, the 80% admission line, and how
 * full the pool is against that line.
 */
public record PoolRow(
    String name,
    int capacityCpu,
    int allocatedCpu,
    int availableCpu,
    int limitCpu,
    int capacityMemory,
    int allocatedMemory,
    int gpus,
    int runningJobs,
    int percentOfLine) {

  static PoolRow of(JsonObject pool) {
    int limit = ResourceHistory.cpu(pool, "admission_limit");
    int allocated = ResourceHistory.cpu(pool, "allocated");
    return new PoolRow(
        pool.getString("name"),
        ResourceHistory.cpu(pool, "capacity"),
        allocated,
        ResourceHistory.cpu(pool, "available"),
        limit,
        memory(pool, "capacity"),
        memory(pool, "allocated"),
        pool.getJsonObject("capacity", new JsonObject()).getInteger("gpus", 0),
        pool.getInteger("running_jobs", 0),
        limit == 0 ? 0 : (int) Math.min(100, Math.round(100.0 * allocated / limit)));
  }

  private static int memory(JsonObject pool, String field) {
    return pool.getJsonObject(field, new JsonObject()).getInteger("memory_mib", 0);
  }
}
