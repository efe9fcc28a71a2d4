package io.synthos.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The orchestrator's queue statistics as the page shows them: live jobs by state and priority, the
 * oldest waiting job, throughput over the last minute, and the latest failures with their reasons.
 */
public record QueueSummary(
    List<Line> lines,
    String oldestQueuedAt,
    Long oldestQueuedSeconds,
    double perSecond,
    long finishedLastMinute,
    long failedLastMinute,
    List<JobRow> failures) {

  static final List<String> STATES = List.of("queued", "running", "dead");
  static final List<String> PRIORITIES = List.of("express", "standard", "batch");

  /** One state's counts by priority. */
  public record Line(String state, int express, int standard, int batch) {
    public int total() {
      return express + standard + batch;
    }
  }

  static QueueSummary of(JsonObject stats, String apiBase) {
    JsonObject counts = stats.getJsonObject("counts", new JsonObject());
    List<Line> lines = new ArrayList<>();
    for (String state : STATES) {
      JsonObject byPriority = counts.getJsonObject(state, new JsonObject());
      lines.add(
          new Line(
              state,
              byPriority.getInteger("express", 0),
              byPriority.getInteger("standard", 0),
              byPriority.getInteger("batch", 0)));
    }
    JsonObject finished = stats.getJsonObject("finished_last_minute", new JsonObject());
    List<JobRow> failures = new ArrayList<>();
    for (Object failure : stats.getJsonArray("recent_failures", new JsonArray())) {
      JsonObject job = ((JsonObject) failure).copy();
      job.put("id", job.getString("job_id")).put("updated_at", job.getString("at"));
      failures.add(JobRow.of(job, apiBase));
    }
    return new QueueSummary(
        lines,
        stats.getString("oldest_queued_at"),
        stats.getLong("oldest_queued_seconds"),
        finished.getDouble("per_second", 0.0),
        finished.getLong("finished", 0L),
        finished.getLong("failed", 0L),
        failures);
  }

  public int count(String state) {
    return lines.stream().filter(line -> line.state().equals(state)).mapToInt(Line::total).sum();
  }
}
