package io.synthos.orchestrator.jobs;

import io.synthos.platform.db.SqlValues;
import io.synthos.platform.metrics.Level;
import io.synthos.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The queue as gauges, refreshed by one cheap count every {@link #PERIOD}: jobs queued and running
 * by priority, queue depth per pool, and how long the oldest ready job has waited. It reads only
 * the rows the partial indexes on queued and running jobs cover. Every orchestrator node reports
 * the same numbers; dashboards take the max.
 */
public final class JobGauges {

  public static final Duration PERIOD = Duration.ofSeconds(5);

  private static final String COUNTS =
      "SELECT pool, priority, state, count(*)::int AS n,"
          + " EXTRACT(EPOCH FROM $1 - min(run_after)"
          + " FILTER (WHERE state = 'queued' AND run_after <= $1))::float8 AS oldest"
          + " FROM jobs WHERE state IN ('queued', 'running') GROUP BY pool, priority, state";

  private final Pool pool;
  private final Metrics metrics;
  private final Clock clock;
  private final Map<String, Level> byStateAndPriority = new HashMap<>();
  private final Map<MlPool, Level> depth = new EnumMap<>(MlPool.class);
  private final Map<MlPool, Level> oldest = new EnumMap<>(MlPool.class);

  public JobGauges(Pool pool, Metrics metrics, Clock clock) {
    this.pool = pool;
    this.metrics = metrics;
    this.clock = clock;
    for (JobState state : new JobState[] {JobState.QUEUED, JobState.RUNNING}) {
      for (Priority priority : Priority.values()) {
        byStateAndPriority.put(
            key(state.id(), priority.id()),
            metrics.level(Metrics.JOBS, "state", state.id(), "priority", priority.id()));
      }
    }
    for (MlPool mlPool : MlPool.values()) {
      depth.put(mlPool, metrics.level(Metrics.JOB_QUEUE_DEPTH, "pool", mlPool.id()));
      oldest.put(mlPool, metrics.level(Metrics.JOB_QUEUE_OLDEST_AGE, "pool", mlPool.id()));
    }
  }

  /** Counts once; a failed count keeps the last numbers (the next refresh tries again). */
  public Future<Void> refresh() {
    if (!metrics.enabled()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(COUNTS)
        .execute(Tuple.of(SqlValues.at(clock.instant())))
        .onSuccess(this::apply)
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private void apply(Iterable<Row> rows) {
    Map<String, Integer> counts = new HashMap<>();
    Map<MlPool, Integer> queued = new EnumMap<>(MlPool.class);
    Map<MlPool, Double> waited = new EnumMap<>(MlPool.class);
    for (Row row : rows) {
      MlPool mlPool = MlPool.of(row.getString("pool"));
      String priority = Priority.values()[row.getShort("priority")].id();
      String state = row.getString("state");
      int n = row.getInteger("n");
      counts.merge(key(state, priority), n, Integer::sum);
      if (JobState.QUEUED.id().equals(state)) {
        queued.merge(mlPool, n, Integer::sum);
        Double age = row.getDouble("oldest");
        if (age != null) {
          waited.merge(mlPool, Math.max(0, age), Math::max);
        }
      }
    }
    byStateAndPriority.forEach((key, level) -> level.set(counts.getOrDefault(key, 0)));
    depth.forEach((mlPool, level) -> level.set(queued.getOrDefault(mlPool, 0)));
    oldest.forEach((mlPool, level) -> level.set(waited.getOrDefault(mlPool, 0.0)));
  }

  private static String key(String state, String priority) {
    return state + "/" + priority;
  }
}
