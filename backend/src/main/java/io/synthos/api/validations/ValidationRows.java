package io.synthos.api.validations;

import io.synthos.platform.db.SqlValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** How a {@code validations} row reads as the API's JSON. */
final class ValidationRows {

  /** The stages of the orchestrator's validation pipeline, whose progress makes the whole. */
  static final List<String> STAGES = List.of("ingest-check", "validate", "collapse", "report");

  private ValidationRows() {}

  static JsonObject toJson(Row row) {
    String id = row.getUUID("id").toString();
    JsonObject request = SqlValues.json(row.getValue("request"));
    JsonObject options = request.getJsonObject("options", new JsonObject());
    JsonObject stages = SqlValues.json(row.getValue("progress"));
    return new JsonObject()
        .put("validation_id", id)
        .put("pipeline_id", id)
        .put("owner_id", row.getUUID("owner_id").toString())
        .put("status", row.getString("status"))
        .put("dataset_id", row.getUUID("dataset_id").toString())
        .put("reference_dataset_id", string(row.getUUID("reference_dataset_id")))
        .put("holdout_dataset_id", string(row.getUUID("holdout_dataset_id")))
        .put("generations", generations(row.getArrayOfUUIDs("generations")))
        .put("target_column", request.getString("target_column"))
        .put("priority", row.getString("priority"))
        .put("sections", options.getJsonArray("sections", new JsonArray()))
        .put(
            "progress",
            new JsonObject()
                .put("stage", row.getString("stage"))
                .put("step", row.getString("step"))
                .put("fraction", fraction(stages))
                .put("stages", stages))
        .put("score", row.getDouble("score"))
        .put("error", row.getString("error"))
        .put("version", row.getLong("version"))
        .put("created_at", time(row.getOffsetDateTime("created_at")))
        .put("updated_at", time(row.getOffsetDateTime("updated_at")))
        .put("started_at", time(row.getOffsetDateTime("started_at")))
        .put("completed_at", time(row.getOffsetDateTime("completed_at")))
        .put(
            "links",
            new JsonObject()
                .put("self", "/api/v1/validations/" + id)
                .put("events", "/api/v1/validations/" + id + "/events")
                .put("report_html", "/api/v1/validations/" + id + "/report.html"));
  }

  static JsonObject toJsonWithReport(Row row) {
    Object report = row.getValue("report");
    return toJson(row).put("report", report == null ? null : SqlValues.json(report));
  }

  /** Progress of a completed validation: every stage done. */
  static JsonObject allDone() {
    JsonObject done = new JsonObject();
    STAGES.forEach(stage -> done.put(stage, 1.0));
    return done;
  }

  /** The mean of the stages' fractions: stages run side by side, so none dominates. */
  private static double fraction(JsonObject stages) {
    double sum = 0;
    for (String stage : STAGES) {
      sum += Math.min(1, Math.max(0, stages.getDouble(stage, 0.0)));
    }
    return sum / STAGES.size();
  }

  private static JsonArray generations(UUID[] ids) {
    JsonArray out = new JsonArray();
    if (ids != null) {
      for (UUID id : ids) {
        out.add(id.toString());
      }
    }
    return out;
  }

  private static String string(UUID id) {
    return id == null ? null : id.toString();
  }

  private static String time(OffsetDateTime time) {
    return SqlValues.time(time);
  }
}
