package io.synthos.orchestrator.jobs;

import static io.synthos.orchestrator.jobs.Sql.at;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The queue at a glance, for operators: live jobs by state and priority, the oldest waiting job,
 * how many finished in the last minute, and the latest failures with their reasons. Every query
 * reads a partial index, so the cost stays flat however many finished jobs the table keeps.
 */
public final class QueueStats {

  public static final Duration THROUGHPUT_WINDOW = Duration.ofMinutes(1);
  public static final int RECENT_FAILURES = 10;

  private static final String BY_STATE =
      "SELECT state, priority, count(*) AS jobs, min(created_at) AS oldest FROM jobs"
          + " WHERE state IN ('queued', 'running', 'dead') GROUP BY state, priority";
  private static final String FINISHED =
      "SELECT count(*) FILTER (WHERE state = 'succeeded') AS succeeded,"
          + " count(*) FILTER (WHERE state IN ('failed', 'dead')) AS failed,"
          + " count(*) AS finished FROM jobs WHERE finished_at > $1";
  private static final String FAILURES =
      "SELECT id, type, state, priority, pipeline_id, stage, attempts, max_attempts, error,"
          + " updated_at FROM jobs WHERE error IS NOT NULL ORDER BY updated_at DESC LIMIT $1";

  private final Pool pool;

  public QueueStats(Pool pool) {
    this.pool = pool;
  }

  public Future<JsonObject> read(Instant now) {
    Future<JsonObject> byState = pool.query(BY_STATE).execute().map(rows -> byState(rows, now));
    Future<JsonObject> finished =
        pool.preparedQuery(FINISHED)
            .execute(Tuple.of(at(now.minus(THROUGHPUT_WINDOW))))
            .map(rows -> finished(rows.iterator().next()));
    Future<JsonArray> failures =
        pool.preparedQuery(FAILURES)
            .execute(Tuple.of(RECENT_FAILURES))
            .map(
                rows -> {
                  JsonArray list = new JsonArray();
                  rows.forEach(row -> list.add(failure(row)));
                  return list;
                });
    return Future.all(byState, finished, failures)
        .map(
            all ->
                byState
                    .result()
                    .put("finished_last_minute", finished.result())
                    .put("recent_failures", failures.result())
                    .put("at", now.toString()));
  }

  private static JsonObject byState(Iterable<Row> rows, Instant now) {
    JsonObject counts = new JsonObject();
    for (String state : new String[] {"queued", "running", "dead"}) {
      JsonObject byPriority = new JsonObject();
      for (Priority priority : Priority.values()) {
        byPriority.put(priority.id(), 0);
      }
      counts.put(state, byPriority);
    }
    OffsetDateTime oldestQueued = null;
    for (Row row : rows) {
      String state = row.getString("state");
      String priority = Priority.ofCode(row.getShort("priority")).id();
      counts.getJsonObject(state).put(priority, row.getLong("jobs").intValue());
      OffsetDateTime oldest = row.getOffsetDateTime("oldest");
      if ("queued".equals(state) && (oldestQueued == null || oldest.isBefore(oldestQueued))) {
        oldestQueued = oldest;
      }
    }
    JsonObject stats = new JsonObject().put("counts", counts);
    if (oldestQueued != null) {
      Instant oldest = oldestQueued.toInstant();
      stats
          .put("oldest_queued_at", oldest.toString())
          .put("oldest_queued_seconds", Math.max(0, Duration.between(oldest, now).toSeconds()));
    }
    return stats;
  }

  private static JsonObject finished(Row row) {
    long finished = row.getLong("finished");
    return new JsonObject()
        .put("succeeded", row.getLong("succeeded"))
        .put("failed", row.getLong("failed"))
        .put("finished", finished)
        .put("per_second", Math.round(1000.0 * finished / THROUGHPUT_WINDOW.toSeconds()) / 1000.0);
  }

  private static JsonObject failure(Row row) {
    return new JsonObject()
        .put("job_id", row.getUUID("id").toString())
        .put("type", row.getString("type"))
        .put("state", row.getString("state"))
        .put("priority", Priority.ofCode(row.getShort("priority")).id())
        .put(
            "pipeline_id",
            row.getUUID("pipeline_id") == null ? null : row.getUUID("pipeline_id").toString())
        .put("stage", row.getString("stage"))
        .put("attempts", row.getInteger("attempts"))
        .put("max_attempts", row.getInteger("max_attempts"))
        .put("error", row.getString("error"))
        .put("at", row.getOffsetDateTime("updated_at").toInstant().toString());
  }
}
