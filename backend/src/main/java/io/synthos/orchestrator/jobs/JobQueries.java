package io.synthos.orchestrator.jobs;

import static io.synthos.orchestrator.jobs.Sql.at;

import io.synthos.platform.http.PageRequest;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What callers may read and do with jobs: every query is scoped to the owner (null owner = an
 * admin, who sees all), and someone else's job answers 404, exactly like a missing one.
 */
public final class JobQueries {

  private static final String FIND =
      "SELECT "
          + JobRows.COLUMNS
          + " FROM jobs WHERE id = $1 AND ($2::uuid IS NULL OR owner_id = $2)";
  private static final String LIST =
      "SELECT "
          + JobRows.COLUMNS
          + " FROM jobs WHERE ($1::uuid IS NULL OR owner_id = $1)"
          + " AND ($2::text IS NULL OR state = $2) AND ($3::text IS NULL OR type = $3)"
          + " AND ($4::uuid IS NULL OR pipeline_id = $4)"
          + " AND ($5::timestamptz IS NULL OR (created_at, id) < ($5, $6))"
          + " ORDER BY created_at DESC, id DESC LIMIT $7";
  private static final String CANCEL =
      "UPDATE jobs SET state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END,"
          + " cancel_requested = (state = 'running'),"
          + " finished_at = CASE WHEN state = 'queued' THEN $3 ELSE finished_at END, updated_at = $3"
          + " WHERE id = $1 AND state IN ('queued', 'running') AND ($2::uuid IS NULL OR owner_id = $2)"
          + " RETURNING "
          + JobRows.COLUMNS;
  private static final String RETRY_DEAD =
      "UPDATE jobs SET state = 'queued', attempts = 0, run_after = $2, sort_key = $3, waiting_reason = NULL,"
          + " error = NULL, finished_at = NULL, updated_at = $2 WHERE id = $1 AND state = 'dead'"
          + " RETURNING "
          + JobRows.COLUMNS;
  // The dataset's own ingestion is not a use of it.
  private static final String ACTIVE_NAMING =
      "SELECT id FROM jobs WHERE pipeline_id IS NULL AND type <> 'data.ingest'"
          + " AND state IN ('queued', 'running') AND strpos(payload::text, $1) > 0 LIMIT $2";

  private final Pool pool;

  public JobQueries(Pool pool) {
    this.pool = pool;
  }

  /** The job, or a 404 problem. */
  public Future<JsonObject> find(UUID id, UUID owner) {
    return pool.preparedQuery(FIND)
        .execute(Tuple.of(id, owner))
        .compose(
            rows ->
                rows.size() == 1
                    ? Future.succeededFuture(JobRows.toJson(rows.iterator().next()))
                    : Future.failedFuture(notFound()));
  }

  /** A page of jobs, newest first. */
  public Future<JsonObject> list(UUID owner, JsonObject filters, PageRequest page) {
    JsonObject after = page.after();
    Tuple values =
        Tuple.of(
                owner,
                filters.getString("state"),
                filters.getString("type"),
                uuid(filters.getString("pipeline_id")))
            .addValue(after == null ? null : OffsetDateTime.parse(after.getString("created_at")))
            .addValue(after == null ? null : UUID.fromString(after.getString("id")))
            .addInteger(page.limit() + 1);
    return pool.preparedQuery(LIST)
        .execute(values)
        .map(
            rows -> {
              JsonArray items = new JsonArray();
              String next = null;
              for (Row row : rows) {
                if (items.size() == page.limit()) {
                  JsonObject last = items.getJsonObject(page.limit() - 1);
                  next =
                      PageRequest.cursor(
                          new JsonObject()
                              .put("created_at", last.getString("created_at"))
                              .put("id", last.getString("id")));
                  break;
                }
                items.add(JobRows.toJson(row));
              }
              return new JsonObject().put("items", items).put("next_cursor", next);
            });
  }

  /**
   * Cancels queued work at once and asks running work to stop. Answers the job; a finished job is a
   * 409, another's or a missing one a 404.
   */
  public Future<JsonObject> cancel(UUID id, UUID owner, Instant now) {
    return pool.preparedQuery(CANCEL)
        .execute(Tuple.of(id, owner, at(now)))
        .compose(
            rows ->
                rows.size() == 1
                    ? Future.succeededFuture(JobRows.toJson(rows.iterator().next()))
                    : find(id, owner)
                        .compose(
                            job ->
                                Future.failedFuture(
                                    conflict(
                                        "The job is already " + job.getString("state") + "."))));
  }

  /** Puts a dead job back in the queue with fresh attempts (admins only; checked by the caller). */
  public Future<JsonObject> retryDead(UUID id, Instant now) {
    return find(id, null)
        .map(job -> Priority.of(job.getString("priority")))
        .compose(
            priority ->
                pool.preparedQuery(RETRY_DEAD)
                    .execute(Tuple.of(id, at(now), at(now.plus(priority.agingOffset())))))
        .compose(
            rows ->
                rows.size() == 1
                    ? Future.succeededFuture(JobRows.toJson(rows.iterator().next()))
                    : Future.failedFuture(conflict("Only a dead job can be retried.")));
  }

  /** Up to {@code limit} queued or running stand-alone jobs whose payload names the dataset. */
  public Future<List<UUID>> activeNaming(UUID datasetId, int limit) {
    return pool.preparedQuery(ACTIVE_NAMING)
        .execute(Tuple.of(datasetId.toString(), limit))
        .map(Sql::ids);
  }

  private static UUID uuid(String text) {
    return text == null ? null : UUID.fromString(text);
  }

  public static io.synthos.platform.http.ProblemException notFound() {
    return ProblemType.NOT_FOUND.exception("No such job.");
  }

  static io.synthos.platform.http.ProblemException conflict(String detail) {
    return ProblemType.JOB_STATE_CONFLICT.exception(detail);
  }
}
