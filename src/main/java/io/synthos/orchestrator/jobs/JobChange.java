package io.synthos.orchestrator.jobs;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/** A job's new state after a committed change, for events and for pipeline progress. */
public record JobChange(
    UUID jobId,
    UUID pipelineId,
    String stage,
    String type,
    UUID ownerId,
    JobState state,
    String reason,
    JsonObject result) {

  /**
   * Reads the columns {@code id, pipeline_id, stage, type, owner_id, state} (and result, error if
   * selected).
   */
  public static JobChange from(Row row) {
    JsonObject result =
        row.getColumnIndex("result") >= 0 && row.getValue("result") != null
            ? JobRows.json(row, "result")
            : null;
    String reason = row.getColumnIndex("error") >= 0 ? row.getString("error") : null;
    if (row.getColumnIndex("waiting_reason") >= 0 && row.getString("waiting_reason") != null) {
      reason = row.getString("waiting_reason");
    }
    return new JobChange(
        row.getUUID("id"),
        row.getUUID("pipeline_id"),
        row.getString("stage"),
        row.getString("type"),
        row.getUUID("owner_id"),
        JobState.of(row.getString("state")),
        reason,
        result);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("job_id", jobId.toString())
        .put("pipeline_id", pipelineId == null ? null : pipelineId.toString())
        .put("stage", stage)
        .put("type", type)
        .put("owner_id", ownerId.toString())
        .put("state", state.id())
        .put("reason", reason);
  }
}
