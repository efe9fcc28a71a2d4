package io.synthos.resources;

import io.synthos.proto.v1.ServiceInfo;
import io.vertx.core.json.JsonObject;

/** What one ML pool can hold, and where that number came from. */
record PoolCapacity(String pool, int cpuMillis, int memoryMib, int gpus, String source) {

  /** Parses {@code cpu_millis:memory_mib:gpus}, already validated by the configuration. */
  static PoolCapacity configured(String pool, String text) {
    String[] parts = text.split(":");
    return new PoolCapacity(
        pool,
        Integer.parseInt(parts[0]),
        Integer.parseInt(parts[1]),
        Integer.parseInt(parts[2]),
        "configured");
  }

  static PoolCapacity reported(String pool, ServiceInfo info, String address) {
    return new PoolCapacity(
        pool, info.getCpuMillis(), info.getMemoryMib(), info.getGpus(), "reported by " + address);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("cpu_millis", cpuMillis)
        .put("memory_mib", memoryMib)
        .put("gpus", gpus);
  }
}
