package io.synthos.dashboard;

import io.vertx.core.json.JsonObject;

/**
 * One job as the page lists it; {@code reportUrl} is its validation's report page on the API port
 * when the job belongs to a pipeline.
 */
public record JobRow(
    String id,
    String type,
    String state,
    String priority,
    String pool,
    String pipelineId,
    String stage,
    int attempts,
    int maxAttempts,
    String updatedAt,
    String error,
    String reportUrl) {

  static JobRow of(JsonObject job, String apiBase) {
    String pipeline = job.getString("pipeline_id");
    return new JobRow(
        job.getString("id"),
        job.getString("type"),
        job.getString("state"),
        job.getString("priority"),
        job.getString("pool"),
        pipeline,
        job.getString("stage"),
        job.getInteger("attempts", 0),
        job.getInteger("max_attempts", 0),
        job.getString("updated_at"),
        job.getString("error"),
        pipeline == null ? null : reportUrl(apiBase, pipeline));
  }

  /** The report page of validation {@code id}; a validation's id is its pipeline's. */
  static String reportUrl(String apiBase, String id) {
    return apiBase + "/api/v1/validations/" + id + "/report.html";
  }

  public boolean dead() {
    return "dead".equals(state);
  }
}
