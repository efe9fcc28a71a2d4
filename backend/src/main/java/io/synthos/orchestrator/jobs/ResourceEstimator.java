package io.synthos.orchestrator.jobs;

import io.vertx.core.json.JsonObject;

/**
 * Estimates what a job needs from the size of its data (rows × columns in the payload, when known)
 * and what it does; a request in the payload's {@code resources} overrides the estimate.
 */
public final class ResourceEstimator {

  /** Cells that one GiB of working memory holds comfortably (8-byte values, a few copies). */
  private static final long CELLS_PER_GIB = 16_000_000L;

  public Resources estimate(String type, JsonObject payload) {
    JsonObject override = payload.getJsonObject("resources");
    if (override != null) {
      return Resources.fromJson(override);
    }
    long cells = payload.getLong("rows", 0L) * payload.getLong("columns", 0L);
    int dataMib = (int) Math.min(512 * 1024, cells * 1024 / CELLS_PER_GIB);
    return switch (JobType.of(type).orElse(JobType.NOOP)) {
      case DATA_CHECK -> new Resources(250, 256, 0);
      // One parsing thread; the profile's exact values grow with the file, up to a bound.
      case DATA_INGEST ->
          new Resources(
              1000, 512 + (int) Math.min(7680, payload.getLong("size_bytes", 0L) >> 20), 0);
      case VALIDATE -> new Resources(2000, 1024 + 3 * dataMib, 0);
      case COLLAPSE -> new Resources(1000, 512 + 2 * dataMib, 0);
      case NOOP, REPORT, WARRANTY -> Resources.NONE;
    };
  }
}
