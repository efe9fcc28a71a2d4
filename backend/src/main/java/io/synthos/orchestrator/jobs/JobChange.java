package io.synthos.orchestrator.jobs;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/**
 * A job's new state after a committed change, for events and for pipeline progress. {@code
 * standing} (priority, pool, attempts) is there when the change read it, so a live view can show a
 * job it has never listed before.
 */
public record JobChange(
    UUID jobId,
    UUID pipelineId,
    String stage,
    String type,
    UUID ownerId,
    JobState state,
    String reason,
    JsonObject result,
    Standing standing) {

  /** Where the job stands in the queue; any part may be unknown (null). */
  public record Standing(String priority, String pool, Integer attempts, Integer maxAttempts) {

    static final Standing UNKNOWN = new Standing(null, null, null, null);

    public static Standing of(ClaimedJob job) {
      return new Standing(job.priority().id(), job.pool().id(), job.attempt(), job.maxAttempts());
    }

    static Standing from(Row row) {
      return new Standing(
          row.getColumnIndex("priority") >= 0
              ? Priority.ofCode(row.getShort("priority")).id()
              : null,
          row.getColumnIndex("pool") >= 0 ? row.getString("pool") : null,
          row.getColumnIndex("attempts") >= 0 ? row.getInteger("attempts") : null,
          row.getColumnIndex("max_attempts") >= 0 ? row.getInteger("max_attempts") : null);
    }
  }

  public JobChange(
      UUID jobId,
      UUID pipelineId,
      String stage,
      String type,
      UUID ownerId,
      JobState state,
      String reason,
      JsonObject result) {
    this(jobId, pipelineId, stage, type, ownerId, state, reason, result, Standing.UNKNOWN);
  }

  /**
   * Reads the columns {@code id, pipeline_id, stage, type, owner_id, state} (and result, error,
   * priority, pool, attempts, max_attempts if selected).
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
        result,
        Standing.from(row));
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("job_id", jobId.toString())
            .put("pipeline_id", pipelineId == null ? null : pipelineId.toString())
            .put("stage", stage)
            .put("type", type)
            .put("owner_id", ownerId.toString())
            .put("state", state.id())
            .put("reason", reason);
    Standing known = standing == null ? Standing.UNKNOWN : standing;
    putIfKnown(json, "priority", known.priority());
    putIfKnown(json, "pool", known.pool());
    putIfKnown(json, "attempts", known.attempts());
    putIfKnown(json, "max_attempts", known.maxAttempts());
    return json;
  }

  private static void putIfKnown(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
