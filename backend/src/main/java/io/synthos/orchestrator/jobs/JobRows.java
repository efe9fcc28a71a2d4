package io.synthos.orchestrator.jobs;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Reads job rows into the shapes the scheduler and the API use. */
public final class JobRows {

  /** Every column of a job, in the order the queries select them. */
  public static final String COLUMNS =
      "id, pipeline_id, stage, type, pool, owner_id, priority, cpu_millis, memory_mib, gpus, payload,"
          + " state, waiting_reason, attempts, max_attempts, run_after, lease_version, cancel_requested,"
          + " result, error, created_at, updated_at, started_at, finished_at, trace_context";

  private JobRows() {}

  public static Resources resources(Row row) {
    return new Resources(
        row.getInteger("cpu_millis"), row.getInteger("memory_mib"), row.getInteger("gpus"));
  }

  public static ClaimedJob claimed(Row row) {
    return new ClaimedJob(
        row.getUUID("id"),
        row.getString("type"),
        MlPool.of(row.getString("pool")),
        row.getUUID("owner_id"),
        Priority.ofCode(row.getShort("priority")),
        resources(row),
        json(row, "payload"),
        row.getInteger("attempts"),
        row.getInteger("max_attempts"),
        row.getLong("lease_version"),
        row.getUUID("pipeline_id"),
        row.getString("stage"),
        row.getString("trace_context"));
  }

  /** The job as the API shows it. */
  public static JsonObject toJson(Row row) {
    UUID pipeline = row.getUUID("pipeline_id");
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("type", row.getString("type"))
        .put("pool", row.getString("pool"))
        .put("state", row.getString("state"))
        .put("waiting_reason", row.getString("waiting_reason"))
        .put("cancel_requested", row.getBoolean("cancel_requested"))
        .put("priority", Priority.ofCode(row.getShort("priority")).id())
        .put("resources", resources(row).toJson())
        .put("attempts", row.getInteger("attempts"))
        .put("max_attempts", row.getInteger("max_attempts"))
        .put("pipeline_id", pipeline == null ? null : pipeline.toString())
        .put("stage", row.getString("stage"))
        .put("owner_id", row.getUUID("owner_id").toString())
        .put("payload", json(row, "payload"))
        .put("result", row.getValue("result") == null ? null : json(row, "result"))
        .put("error", row.getString("error"))
        .put("run_after", time(row, "run_after"))
        .put("created_at", time(row, "created_at"))
        .put("updated_at", time(row, "updated_at"))
        .put("started_at", time(row, "started_at"))
        .put("finished_at", time(row, "finished_at"));
  }

  static JsonObject json(Row row, String column) {
    return jsonOf(row.getValue(column));
  }

  /** A JSONB value as the client hands it back: a JsonObject, or text. */
  public static JsonObject jsonOf(Object value) {
    return value instanceof JsonObject json ? json : new JsonObject(String.valueOf(value));
  }

  static String time(Row row, String column) {
    return timeOf(row.getOffsetDateTime(column));
  }

  public static String timeOf(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
