package io.synthos.api.analytics;

import io.synthos.platform.db.SqlValues;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Read-only reports over the datasets and validations tables: daily usage, and the scores of a
 * dataset lineage over time. Nothing here writes; the tables belong to their resources.
 */
final class AnalyticsQueries {

  private static final String SCOPED = " ($3::uuid IS NULL OR owner_id = $3)";
  private static final String DATASETS_PER_DAY =
      "SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*) AS uploaded,"
          + " coalesce(sum(size_bytes), 0) AS bytes FROM datasets"
          + " WHERE created_at >= $1 AND created_at < $2 AND"
          + SCOPED
          + " GROUP BY day";
  private static final String VALIDATIONS_PER_DAY =
      "SELECT (v.created_at AT TIME ZONE 'UTC')::date AS day, v.status, count(*) AS count,"
          + " coalesce(sum(CASE WHEN v.status = 'completed' THEN"
          + " coalesce(d.rows, 0) + coalesce(r.rows, 0) END), 0) AS rows,"
          + " coalesce(sum(extract(epoch FROM (v.completed_at - v.started_at))), 0) AS seconds"
          + " FROM validations v LEFT JOIN datasets d ON d.id = v.dataset_id"
          + " LEFT JOIN datasets r ON r.id = v.reference_dataset_id"
          + " WHERE v.created_at >= $1 AND v.created_at < $2 AND ($3::uuid IS NULL OR v.owner_id = $3)"
          + " GROUP BY day, v.status";
  private static final String HISTORY =
      "SELECT v.id, v.dataset_id, d.name, v.completed_at, v.score, v.report ->> 'grade' AS grade,"
          + " (v.report -> 'fidelity' ->> 'score')::float8 AS fidelity,"
          + " (v.report -> 'privacy' ->> 'score')::float8 AS privacy,"
          + " (v.report -> 'utility' ->> 'score')::float8 AS utility,"
          + " (v.report -> 'detection' ->> 'score')::float8 AS detection,"
          + " (v.report -> 'quality' ->> 'score')::float8 AS quality,"
          + " v.report -> 'collapse' ->> 'risk' AS collapse_risk"
          + " FROM validations v LEFT JOIN datasets d ON d.id = v.dataset_id"
          + " WHERE v.status = 'completed' AND ($1::uuid IS NULL OR v.owner_id = $1)"
          + " AND ($2::uuid IS NULL OR v.dataset_id = $2) AND ($3::text IS NULL OR d.name = $3)"
          + " ORDER BY v.completed_at, v.id LIMIT $4";

  private final Pool pool;

  AnalyticsQueries(Pool pool) {
    this.pool = pool;
  }

  /** One entry per day from {@code from} to {@code to} (both included), zeros where idle. */
  Future<JsonObject> usage(LocalDate from, LocalDate to, UUID scope) {
    OffsetDateTime start = from.atStartOfDay().atOffset(ZoneOffset.UTC);
    OffsetDateTime end = to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    Tuple window = Tuple.of(start, end, scope);
    Map<LocalDate, JsonObject> days = new TreeMap<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      days.put(day, emptyDay(day));
    }
    return pool.preparedQuery(DATASETS_PER_DAY)
        .execute(window)
        .compose(
            datasets -> {
              datasets.forEach(
                  row ->
                      days.get(row.getLocalDate("day"))
                          .put("datasets_uploaded", row.getLong("uploaded"))
                          .put("bytes_uploaded", number(row, "bytes").longValue()));
              return pool.preparedQuery(VALIDATIONS_PER_DAY).execute(window);
            })
        .map(
            validations -> {
              validations.forEach(
                  row -> {
                    JsonObject day = days.get(row.getLocalDate("day"));
                    day.getJsonObject("validations")
                        .put(row.getString("status"), row.getLong("count"));
                    day.put(
                            "rows_processed",
                            day.getLong("rows_processed") + number(row, "rows").longValue())
                        .put(
                            "compute_seconds",
                            day.getDouble("compute_seconds")
                                + number(row, "seconds").doubleValue());
                  });
              return new JsonObject()
                  .put("from", from.toString())
                  .put("to", to.toString())
                  .put("days", new JsonArray(days.values().stream().toList()));
            });
  }

  /** Completed validations of a dataset, or of every dataset of one name, oldest first. */
  Future<JsonObject> history(UUID scope, UUID datasetId, String name, int limit) {
    return pool.preparedQuery(HISTORY)
        .execute(Tuple.of(scope, datasetId, name, limit))
        .map(
            rows -> {
              JsonArray points = new JsonArray();
              rows.forEach(
                  row ->
                      points.add(
                          new JsonObject()
                              .put("validation_id", row.getUUID("id").toString())
                              .put("dataset_id", row.getUUID("dataset_id").toString())
                              .put("dataset_name", row.getString("name"))
                              .put("completed_at", time(row.getOffsetDateTime("completed_at")))
                              .put("score", row.getDouble("score"))
                              .put("grade", row.getString("grade"))
                              .put(
                                  "sections",
                                  new JsonObject()
                                      .put("fidelity", row.getDouble("fidelity"))
                                      .put("privacy", row.getDouble("privacy"))
                                      .put("utility", row.getDouble("utility"))
                                      .put("detection", row.getDouble("detection"))
                                      .put("quality", row.getDouble("quality")))
                              .put("collapse_risk", row.getString("collapse_risk"))));
              return new JsonObject().put("points", points);
            });
  }

  private static JsonObject emptyDay(LocalDate day) {
    return new JsonObject()
        .put("day", day.toString())
        .put("datasets_uploaded", 0L)
        .put("bytes_uploaded", 0L)
        .put(
            "validations",
            new JsonObject()
                .put("queued", 0L)
                .put("running", 0L)
                .put("completed", 0L)
                .put("failed", 0L)
                .put("cancelled", 0L))
        .put("rows_processed", 0L)
        .put("compute_seconds", 0.0);
  }

  private static Number number(Row row, String column) {
    Object value = row.getValue(column);
    return value instanceof Number number ? number : Double.valueOf(String.valueOf(value));
  }

  private static String time(OffsetDateTime time) {
    return SqlValues.time(time);
  }
}
