package io.synthos.orchestrator.jobs;

import io.vertx.core.json.JsonObject;

/** A resource request or a capacity: CPU in millicores, memory in MiB, whole GPUs. */
public record Resources(int cpuMillis, int memoryMib, int gpus) {

  public static final Resources NONE = new Resources(0, 0, 0);

  public Resources {
    if (cpuMillis < 0 || memoryMib < 0 || gpus < 0) {
      throw new IllegalArgumentException("resources cannot be negative");
    }
  }

  public Resources plus(Resources other) {
    return new Resources(
        cpuMillis + other.cpuMillis, memoryMib + other.memoryMib, gpus + other.gpus);
  }

  public Resources minus(Resources other) {
    return new Resources(
        Math.max(0, cpuMillis - other.cpuMillis),
        Math.max(0, memoryMib - other.memoryMib),
        Math.max(0, gpus - other.gpus));
  }

  /** The share of this capacity that admission may hand out: 80%, keeping 20% headroom. */
  public Resources admissible() {
    return new Resources(cpuMillis * 4 / 5, memoryMib * 4 / 5, gpus * 4 / 5);
  }

  /** Whether {@code request} fits in this budget on every dimension. */
  public boolean fits(Resources request) {
    return request.cpuMillis <= cpuMillis && request.memoryMib <= memoryMib && request.gpus <= gpus;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("cpu_millis", cpuMillis)
        .put("memory_mib", memoryMib)
        .put("gpus", gpus);
  }

  public static Resources fromJson(JsonObject json) {
    return new Resources(
        json.getInteger("cpu_millis", 0),
        json.getInteger("memory_mib", 0),
        json.getInteger("gpus", 0));
  }
}
