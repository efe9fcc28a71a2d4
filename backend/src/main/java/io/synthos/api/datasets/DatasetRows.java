package io.synthos.api.datasets;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** How a {@code datasets} row reads as the API's JSON. */
final class DatasetRows {

  private DatasetRows() {}

  static JsonObject toJson(Row row) {
    JsonObject json =
        new JsonObject()
            .put("id", row.getUUID("id").toString())
            .put("owner_id", row.getUUID("owner_id").toString())
            .put("name", row.getString("name"))
            .put("format", row.getString("format"))
            .put("delimiter", row.getString("delimiter"))
            .put("status", row.getString("status"))
            .put("failure_reason", row.getString("failure_reason"))
            .put("size_bytes", row.getLong("size_bytes"))
            .put("sha256", row.getString("sha256"))
            .put("rows", row.getLong("rows"))
            .put("columns", row.getInteger("columns"))
            .put("column_types", json(row, "column_types"))
            .put("schema", array(row.getValue("schema")))
            .put("declared_size_bytes", row.getLong("declared_size_bytes"))
            .put("declared_sha256", row.getString("declared_sha256"))
            .put("upload_expires_at", time(row.getOffsetDateTime("upload_expires_at")))
            .put(
                "ingest_job_id",
                row.getUUID("ingest_job_id") == null
                    ? null
                    : row.getUUID("ingest_job_id").toString())
            .put("created_at", time(row.getOffsetDateTime("created_at")))
            .put("updated_at", time(row.getOffsetDateTime("updated_at")))
            .put("ready_at", time(row.getOffsetDateTime("ready_at")));
    return json;
  }

  static JsonObject toJsonWithProfile(Row row) {
    Object profile = row.getValue("profile");
    return toJson(row).put("profile", profile == null ? null : jsonOf(profile));
  }

  /**
   * The schema a user reads: each column's name and type, whether the user forced it, and its
   * missing and distinct counts.
   */
  static JsonArray schemaOf(JsonObject profile) {
    JsonArray schema = new JsonArray();
    profile
        .getJsonArray("column_profiles", new JsonArray())
        .forEach(
            item -> {
              JsonObject column = (JsonObject) item;
              schema.add(
                  new JsonObject()
                      .put("name", column.getString("name"))
                      .put("type", column.getString("type"))
                      .put("overridden", column.getBoolean("overridden", false))
                      .put("missing", column.getLong("missing"))
                      .put("distinct", column.getLong("distinct")));
            });
    return schema;
  }

  static JsonObject json(Row row, String column) {
    Object value = row.getValue(column);
    return value == null ? new JsonObject() : jsonOf(value);
  }

  private static JsonObject jsonOf(Object value) {
    return value instanceof JsonObject json ? json : new JsonObject(String.valueOf(value));
  }

  private static JsonArray array(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof JsonArray json ? json : new JsonArray(String.valueOf(value));
  }

  private static String time(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
