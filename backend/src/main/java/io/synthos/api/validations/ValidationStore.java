package io.synthos.api.validations;

import io.synthos.platform.db.SqlValues;
import io.synthos.platform.http.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code validations} table. Every change of a validation increments its {@code version}; a
 * change that would not change anything (a repeated event, a finished validation) matches no row,
 * so every API instance may apply every event. A row is inserted only with its pipeline, by the
 * orchestrator on a store made over its transaction ({@link ValidationRecords}).
 */
final class ValidationStore {

  private static final String COLUMNS =
      "id, owner_id, dataset_id, reference_dataset_id, holdout_dataset_id, generations, request,"
          + " priority, status, progress, stage, step, error, score, version, created_at,"
          + " updated_at, started_at, completed_at";
  private static final String SCOPED = " ($2::uuid IS NULL OR owner_id = $2)";
  private static final String UNFINISHED = " status IN ('queued', 'running')";
  private static final String RETURNING = " RETURNING id, owner_id, version, status";

  private static final String INSERT =
      "INSERT INTO validations (id, owner_id, dataset_id, reference_dataset_id,"
          + " holdout_dataset_id, generations, request, priority, idempotency_key, request_sha256,"
          + " status, created_at, updated_at)"
          + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'queued', $11, $11)"
          + " ON CONFLICT (owner_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING"
          + " RETURNING "
          + COLUMNS;
  private static final String BY_KEY =
      "SELECT "
          + COLUMNS
          + ", request_sha256 FROM validations"
          + " WHERE owner_id = $1 AND idempotency_key = $2";
  private static final String FIND =
      "SELECT " + COLUMNS + " FROM validations WHERE id = $1 AND" + SCOPED;
  private static final String FIND_WITH_REPORT =
      "SELECT " + COLUMNS + ", report FROM validations WHERE id = $1 AND" + SCOPED;
  private static final String LIST =
      "SELECT "
          + COLUMNS
          + " FROM validations WHERE ($1::uuid IS NULL OR owner_id = $1)"
          + " AND ($2::text IS NULL OR status = $2)"
          + " AND ($3::uuid IS NULL OR dataset_id = $3)"
          + " AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5))"
          + " ORDER BY created_at DESC, id DESC LIMIT $6";
  private static final String STARTED =
      "UPDATE validations SET status = 'running', stage = $2,"
          + " started_at = COALESCE(started_at, $3), updated_at = $3, version = version + 1"
          + " WHERE id = $1 AND"
          + UNFINISHED
          + " AND (status = 'queued' OR stage IS DISTINCT FROM $2)"
          + RETURNING;
  private static final String PROGRESSED =
      "UPDATE validations SET status = 'running', started_at = COALESCE(started_at, $5),"
          + " progress = progress || jsonb_build_object($2::text, $3::float8),"
          + " stage = $2, step = COALESCE($4, step), updated_at = $5, version = version + 1"
          + " WHERE id = $1 AND"
          + UNFINISHED
          + " AND COALESCE((progress ->> $2)::float8, 0) < $3"
          + RETURNING;
  private static final String FINISHED =
      "UPDATE validations SET status = $2, error = $3, report = $4, score = $5,"
          + " progress = CASE WHEN $2 = 'completed' THEN $6::jsonb ELSE progress END,"
          + " completed_at = $7, updated_at = $7, version = version + 1"
          + " WHERE id = $1 AND"
          + UNFINISHED
          + RETURNING
          + ", EXTRACT(EPOCH FROM completed_at - created_at)::float8 AS seconds";
  private static final String STALE =
      "SELECT id, owner_id, request, priority FROM validations WHERE"
          + UNFINISHED
          + " AND updated_at < $1 ORDER BY updated_at LIMIT $2";
  private static final String TOUCH =
      "UPDATE validations SET updated_at = $2 WHERE id = $1 AND" + UNFINISHED;

  /**
   * A committed change: whose validation, its new version and status; a finished one also says how
   * many seconds it took from its creation.
   */
  record Change(UUID id, UUID owner, long version, String status, Double seconds) {
    JsonObject toJson() {
      return new JsonObject()
          .put("validation_id", id.toString())
          .put("owner_id", owner.toString())
          .put("version", version)
          .put("status", status);
    }
  }

  /** A validation that has not moved for a while, for the janitor to follow up. */
  record Stale(UUID id, UUID owner, JsonObject request, String priority) {}

  /** What an insert found: the new row, or the row an earlier request with the key made. */
  record Inserted(JsonObject validation, boolean created, String requestSha256) {}

  private final SqlClient pool;

  ValidationStore(SqlClient pool) {
    this.pool = pool;
  }

  /**
   * Inserts the validation; when the owner's earlier request with the same key wrote one, answers
   * that one, not created.
   */
  Future<Inserted> insert(
      UUID id, UUID owner, ValidationRequest request, String idempotencyKey, Instant now) {
    Tuple values =
        Tuple.of(
                id,
                owner,
                request.datasetId(),
                request.referenceId(),
                request.holdoutId(),
                request.generations().toArray(UUID[]::new),
                request.body(),
                request.priority(),
                idempotencyKey,
                request.sha256())
            .addValue(at(now));
    return pool.preparedQuery(INSERT)
        .execute(values)
        .compose(
            rows ->
                rows.size() == 1
                    ? Future.succeededFuture(
                        new Inserted(ValidationRows.toJson(rows.iterator().next()), true, null))
                    : byKey(owner, idempotencyKey));
  }

  /** The validation an earlier request with this key created. */
  Future<Inserted> byKey(UUID owner, String idempotencyKey) {
    return pool.preparedQuery(BY_KEY)
        .execute(Tuple.of(owner, idempotencyKey))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return null;
              }
              Row row = rows.iterator().next();
              return new Inserted(
                  ValidationRows.toJson(row), false, row.getString("request_sha256"));
            });
  }

  /** The validation without its report; {@code scope} null for an admin. */
  Future<Optional<JsonObject>> find(UUID id, UUID scope) {
    return pool.preparedQuery(FIND)
        .execute(Tuple.of(id, scope))
        .map(rows -> first(rows).map(ValidationRows::toJson));
  }

  /** The validation with its report, once it has one. */
  Future<Optional<JsonObject>> findWithReport(UUID id, UUID scope) {
    return pool.preparedQuery(FIND_WITH_REPORT)
        .execute(Tuple.of(id, scope))
        .map(rows -> first(rows).map(ValidationRows::toJsonWithReport));
  }

  Future<JsonObject> list(UUID scope, String status, UUID datasetId, PageRequest page) {
    Tuple values =
        Tuple.of(scope, status, datasetId, page.afterTime("created_at"), page.afterId())
            .addInteger(page.limit() + 1);
    return pool.preparedQuery(LIST)
        .execute(values)
        .map(
            rows -> {
              List<JsonObject> items = new ArrayList<>();
              rows.forEach(row -> items.add(ValidationRows.toJson(row)));
              return page.page(items, "created_at", "validation_id");
            });
  }

  /** A stage's job started. */
  Future<Optional<Change>> started(UUID id, String stage, Instant now) {
    return change(STARTED, Tuple.of(id, stage, at(now)));
  }

  /** A stage got further; a fraction no higher than the one recorded changes nothing. */
  Future<Optional<Change>> progressed(
      UUID id, String stage, double fraction, String step, Instant now) {
    return change(PROGRESSED, Tuple.of(id, stage, fraction, step, at(now)));
  }

  /** The pipeline ended: completed with its report, failed with the reason, or cancelled. */
  Future<Optional<Change>> finished(
      UUID id, String status, String error, JsonObject report, JsonObject progress, Instant now) {
    Double score = report == null ? null : report.getDouble("score");
    return change(FINISHED, Tuple.of(id, status, error, report, score, progress).addValue(at(now)));
  }

  Future<List<Stale>> stale(Instant before, int limit) {
    return pool.preparedQuery(STALE)
        .execute(Tuple.of(at(before), limit))
        .map(
            rows -> {
              List<Stale> stale = new ArrayList<>();
              rows.forEach(
                  row ->
                      stale.add(
                          new Stale(
                              row.getUUID("id"),
                              row.getUUID("owner_id"),
                              SqlValues.json(row.getValue("request")),
                              row.getString("priority"))));
              return stale;
            });
  }

  /** Notes that the janitor looked, so it looks again only after a while. */
  Future<Void> touch(UUID id, Instant now) {
    return pool.preparedQuery(TOUCH).execute(Tuple.of(id, at(now))).mapEmpty();
  }

  private Future<Optional<Change>> change(String sql, Tuple values) {
    return pool.preparedQuery(sql)
        .execute(values)
        .map(
            rows ->
                first(rows)
                    .map(
                        row ->
                            new Change(
                                row.getUUID("id"),
                                row.getUUID("owner_id"),
                                row.getLong("version"),
                                row.getString("status"),
                                row.getColumnIndex("seconds") >= 0
                                    ? row.getDouble("seconds")
                                    : null)));
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
  }

  private static OffsetDateTime at(Instant instant) {
    return SqlValues.at(instant);
  }
}
