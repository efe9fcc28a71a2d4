package io.synthos.orchestrator.jobs;

import static io.synthos.orchestrator.jobs.Sql.at;

import io.synthos.platform.tracing.TraceContexts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The jobs table and every state change on it. Each change is one statement or one transaction,
 * guarded by the state it expects and, for running jobs, by the lease version (fencing): a worker
 * that lost its lease cannot complete or fail the job.
 */
public final class JobStore {

  /** Channel of the {@code NOTIFY} sent with every enqueue, so idle schedulers wake at once. */
  public static final String CHANNEL = "synthos_jobs";

  private static final String CHANGE =
      "id, pipeline_id, stage, type, owner_id, state, waiting_reason, error, priority, pool, attempts,"
          + " max_attempts";
  private static final String INSERT =
      "INSERT INTO jobs (id, pipeline_id, stage, type, pool, owner_id, priority, cpu_millis, memory_mib,"
          + " gpus, payload, state, max_attempts, run_after, sort_key, created_at, updated_at, trace_context)"
          + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'queued', $12, $13, $14, $15, $15,"
          // A pipeline's later stages join the trace of the request that started it.
          + " coalesce((SELECT t.trace_context FROM jobs t WHERE t.pipeline_id = $2"
          + " AND t.trace_context IS NOT NULL ORDER BY t.created_at LIMIT 1), $16))"
          + " ON CONFLICT DO NOTHING RETURNING "
          + JobRows.COLUMNS;
  private static final String CANDIDATES =
      "SELECT id, pool, cpu_millis, memory_mib, gpus FROM jobs WHERE state = 'queued' AND run_after <= $1"
          + " ORDER BY sort_key LIMIT $2 FOR UPDATE SKIP LOCKED";
  private static final String LOCK_POOLS =
      "SELECT name, cpu_millis, memory_mib, gpus FROM ml_pools WHERE name = ANY($1) ORDER BY name FOR UPDATE";
  private static final String ALLOCATED =
      "SELECT pool, sum(cpu_millis)::int AS cpu_millis, sum(memory_mib)::int AS memory_mib, sum(gpus)::int AS gpus"
          + " FROM jobs WHERE state = 'running' AND pool = ANY($1) GROUP BY pool";
  private static final String START =
      "UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = $2, lease_expires_at = $3,"
          + " lease_version = lease_version + 1, started_at = coalesce(started_at, $4), updated_at = $4,"
          + " waiting_reason = NULL WHERE id = ANY($1) RETURNING "
          + JobRows.COLUMNS;
  private static final String WAIT_FOR_CAPACITY =
      "UPDATE jobs SET waiting_reason = 'capacity', updated_at = $2"
          + " WHERE id = ANY($1) AND waiting_reason IS DISTINCT FROM 'capacity'";
  private static final String SUCCEED =
      "UPDATE jobs AS j SET state = 'succeeded', result = c.result::jsonb, finished_at = $4, updated_at = $4,"
          + " lease_owner = NULL, lease_expires_at = NULL, waiting_reason = NULL"
          + " FROM unnest($1::uuid[], $2::int8[], $3::text[]) AS c(id, version, result)"
          + " WHERE j.id = c.id AND j.lease_version = c.version AND j.state = 'running'"
          + " RETURNING j.id, j.pipeline_id, j.stage, j.type, j.owner_id, j.state, j.waiting_reason, j.error,"
          + " j.result, j.priority, j.pool, j.attempts, j.max_attempts";
  private static final String SETTLE =
      "UPDATE jobs SET state = $3, attempts = attempts - $4, run_after = $5, sort_key = $6,"
          + " waiting_reason = $7, error = $8, lease_owner = NULL, lease_expires_at = NULL,"
          + " updated_at = $9, finished_at = $10"
          + " WHERE id = $1 AND lease_version = $2 AND state = 'running' RETURNING "
          + CHANGE;
  private static final String HEARTBEAT =
      "UPDATE jobs AS j SET lease_expires_at = $3 FROM unnest($1::uuid[], $2::int8[]) AS c(id, version)"
          + " WHERE j.id = c.id AND j.lease_version = c.version AND j.state = 'running' AND j.lease_owner = $4"
          + " RETURNING j.id, j.cancel_requested";
  private static final String REQUEUE_EXPIRED =
      "UPDATE jobs SET state = CASE WHEN cancel_requested THEN 'cancelled'"
          + " WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,"
          + " waiting_reason = CASE WHEN attempts >= max_attempts OR cancel_requested THEN NULL ELSE 'lease-expired' END,"
          + " error = CASE WHEN attempts >= max_attempts AND NOT cancel_requested"
          + " THEN 'the lease expired on the last attempt' ELSE error END,"
          + " run_after = $1, lease_owner = NULL, lease_expires_at = NULL, updated_at = $1,"
          + " finished_at = CASE WHEN attempts >= max_attempts OR cancel_requested THEN $1 END"
          + " WHERE state = 'running' AND (lease_expires_at < $1 OR lease_owner = $2) RETURNING "
          + CHANGE;

  private static final String STOP_PIPELINE_JOBS =
      "UPDATE jobs SET state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END,"
          + " cancel_requested = (state = 'running'),"
          + " finished_at = CASE WHEN state = 'queued' THEN $2 ELSE finished_at END, updated_at = $2"
          + " WHERE pipeline_id = $1 AND state IN ('queued', 'running') RETURNING "
          + CHANGE;
  private static final String PIPELINE_JOBS =
      "SELECT stage, id, state FROM jobs WHERE pipeline_id = $1";
  private static final String CAPACITY =
      "SELECT cpu_millis, memory_mib, gpus FROM ml_pools WHERE name = $1";

  private final Pool pool;

  public JobStore(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  /** Enqueues a job and notifies every scheduler, in one transaction. */
  public Future<JsonObject> enqueue(JobSpec spec, Instant now) {
    return pool.withTransaction(
        connection ->
            insert(connection, spec, now)
                .compose(row -> notify(connection).map(JobRows.toJson(row))));
  }

  /**
   * Inserts within the caller's transaction, with the trace context of the caller's span; answers
   * null when the job already exists.
   */
  public Future<Row> insert(SqlClient client, JobSpec spec, Instant now) {
    Tuple values =
        Tuple.of(
                spec.id(),
                spec.pipelineId(),
                spec.stage(),
                spec.type(),
                spec.pool().id(),
                spec.ownerId())
            .addShort(spec.priority().code())
            .addInteger(spec.request().cpuMillis())
            .addInteger(spec.request().memoryMib())
            .addInteger(spec.request().gpus())
            .addValue(spec.payload())
            .addInteger(spec.maxAttempts())
            .addValue(at(spec.runAfter()))
            .addValue(at(spec.sortKey()))
            .addValue(at(now))
            .addString(TraceContexts.traceparent());
    return client
        .preparedQuery(INSERT)
        .execute(values)
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  /** Wakes idle schedulers when the transaction commits. */
  public static Future<Void> notify(SqlClient client) {
    return client.query("NOTIFY " + CHANNEL).execute().mapEmpty();
  }

  /**
   * Claims up to {@code max} ready jobs for {@code node}, in priority-then-age order, admitting
   * each only while its pool stays within 80% of capacity. One transaction: the pool rows are
   * locked, so admission holds when several schedulers race; candidates are locked with SKIP
   * LOCKED, so they never wait on each other.
   */
  public Future<List<ClaimedJob>> claim(String node, int max, Instant now, Duration lease) {
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery(CANDIDATES)
                .execute(Tuple.of(at(now), max))
                .compose(candidates -> admit(connection, candidates))
                .compose(decision -> start(connection, decision, node, now, lease)));
  }

  private Future<Decision> admit(SqlConnection connection, RowSet<Row> candidates) {
    List<Row> rows = new ArrayList<>();
    candidates.forEach(rows::add);
    String[] pools =
        rows.stream()
            .map(row -> row.getString("pool"))
            .filter(pool -> !MlPool.NONE.id().equals(pool))
            .distinct()
            .toArray(String[]::new);
    if (pools.length == 0) {
      return Future.succeededFuture(new Decision(rows, List.of()));
    }
    return connection
        .preparedQuery(LOCK_POOLS)
        .execute(Tuple.of(pools))
        .compose(
            capacities ->
                connection
                    .preparedQuery(ALLOCATED)
                    .execute(Tuple.of(pools))
                    .map(allocated -> decide(rows, byPool(capacities), byPool(allocated))));
  }

  private static Decision decide(
      List<Row> rows, Map<MlPool, Resources> capacity, Map<MlPool, Resources> allocated) {
    List<Row> refused = new ArrayList<>();
    List<Row> admitted =
        new Admission(capacity, allocated)
            .admit(rows, row -> MlPool.of(row.getString("pool")), JobRows::resources, refused);
    return new Decision(admitted, refused);
  }

  private static Map<MlPool, Resources> byPool(RowSet<Row> rows) {
    Map<MlPool, Resources> map = new EnumMap<>(MlPool.class);
    for (Row row : rows) {
      String name = row.getColumnIndex("name") >= 0 ? row.getString("name") : row.getString("pool");
      map.put(MlPool.of(name), JobRows.resources(row));
    }
    return map;
  }

  private Future<List<ClaimedJob>> start(
      SqlConnection connection, Decision decision, String node, Instant now, Duration lease) {
    Future<Void> waiting =
        decision.refused().isEmpty()
            ? Future.succeededFuture()
            : connection
                .preparedQuery(WAIT_FOR_CAPACITY)
                .execute(Tuple.of(ids(decision.refused()), at(now)))
                .mapEmpty();
    if (decision.admitted().isEmpty()) {
      return waiting.map(List.of());
    }
    return waiting
        .compose(
            done ->
                connection
                    .preparedQuery(START)
                    .execute(
                        Tuple.of(ids(decision.admitted()), node, at(now.plus(lease)), at(now))))
        .map(
            rows -> {
              List<ClaimedJob> claimed = new ArrayList<>();
              rows.forEach(row -> claimed.add(JobRows.claimed(row)));
              return claimed;
            });
  }

  private static UUID[] ids(List<Row> rows) {
    return rows.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new);
  }

  /**
   * Marks jobs succeeded within the caller's transaction; a stale lease version changes nothing.
   */
  public Future<List<JobChange>> succeed(
      SqlClient client, List<Outcome.Success> successes, Instant now) {
    UUID[] ids = successes.stream().map(Outcome.Success::jobId).toArray(UUID[]::new);
    Long[] versions = successes.stream().map(Outcome.Success::leaseVersion).toArray(Long[]::new);
    String[] results =
        successes.stream().map(success -> success.result().encode()).toArray(String[]::new);
    return client
        .preparedQuery(SUCCEED)
        .execute(Tuple.of(ids, versions, results, at(now)))
        .map(JobStore::changes);
  }

  /**
   * Settles a running job otherwise (re-queue, dead, failed, cancelled), fenced by its lease
   * version.
   */
  public Future<List<JobChange>> settle(
      SqlClient client, Outcome.Settlement settlement, Instant now) {
    boolean finished = settlement.state().finished();
    Instant runAfter = finished ? now : now.plus(settlement.delay());
    Tuple values =
        Tuple.of(
                settlement.jobId(),
                settlement.leaseVersion(),
                settlement.state().id(),
                settlement.refundAttempt() ? 1 : 0)
            .addValue(at(runAfter))
            .addValue(at(runAfter.plus(settlement.priority().agingOffset())))
            .addString(settlement.waitingReason())
            .addString(settlement.error())
            .addValue(at(now))
            .addValue(finished ? at(now) : null);
    return client.preparedQuery(SETTLE).execute(values).map(JobStore::changes);
  }

  /**
   * Extends the leases this node holds. Answers, of the jobs given, those still held, with whether
   * a cancel was requested; the others were lost (expired and re-queued elsewhere).
   */
  public Future<Map<UUID, Boolean>> heartbeat(
      String node, Map<UUID, Long> leases, Instant now, Duration lease) {
    UUID[] ids = leases.keySet().toArray(UUID[]::new);
    Long[] versions = leases.keySet().stream().map(leases::get).toArray(Long[]::new);
    return pool.preparedQuery(HEARTBEAT)
        .execute(Tuple.of(ids, versions, at(now.plus(lease)), node))
        .map(
            rows -> {
              Map<UUID, Boolean> held = new HashMap<>();
              rows.forEach(row -> held.put(row.getUUID("id"), row.getBoolean("cancel_requested")));
              return held;
            });
  }

  /**
   * Re-queues running jobs whose lease expired, or whose owner is {@code goneNode} (a member the
   * cluster reports gone); out of attempts they go dead. Runs in the caller's transaction.
   */
  public Future<List<JobChange>> requeueExpired(SqlClient client, Instant now, String goneNode) {
    return client
        .preparedQuery(REQUEUE_EXPIRED)
        .execute(Tuple.of(at(now), goneNode))
        .map(JobStore::changes);
  }

  /** The pipelines of the jobs {@link #requeueExpired} would touch, to lock them first. */
  public Future<List<UUID>> expiredPipelines(SqlClient client, Instant now, String goneNode) {
    return client
        .preparedQuery(
            "SELECT DISTINCT pipeline_id FROM jobs WHERE state = 'running' AND pipeline_id IS NOT NULL"
                + " AND (lease_expires_at < $1 OR lease_owner = $2)")
        .execute(Tuple.of(at(now), goneNode))
        .map(Sql::ids);
  }

  /**
   * Cancels a pipeline's queued jobs and asks its running ones to stop, within the caller's
   * transaction (the one that halts the pipeline).
   */
  public Future<List<JobChange>> stopPipelineJobs(SqlClient client, UUID pipelineId, Instant now) {
    return client
        .preparedQuery(STOP_PIPELINE_JOBS)
        .execute(Tuple.of(pipelineId, at(now)))
        .map(JobStore::changes);
  }

  /** The job of each stage a pipeline has enqueued so far, by stage name. */
  public Future<Map<String, StageJob>> pipelineJobs(UUID pipelineId) {
    return pool.preparedQuery(PIPELINE_JOBS)
        .execute(Tuple.of(pipelineId))
        .map(
            rows -> {
              Map<String, StageJob> byStage = new HashMap<>();
              rows.forEach(
                  row ->
                      byStage.put(
                          row.getString("stage"),
                          new StageJob(row.getUUID("id"), row.getString("state"))));
              return byStage;
            });
  }

  /**
   * The capacity of a pool as its service last reported it (the resource tracker writes it); empty
   * before the first report.
   */
  public Future<Optional<Resources>> capacity(MlPool target) {
    return pool.preparedQuery(CAPACITY)
        .execute(Tuple.of(target.id()))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(JobRows.resources(rows.iterator().next())));
  }

  static List<JobChange> changes(RowSet<Row> rows) {
    List<JobChange> changes = new ArrayList<>();
    rows.forEach(row -> changes.add(JobChange.from(row)));
    return changes;
  }

  private record Decision(List<Row> admitted, List<Row> refused) {}

  /** A pipeline stage's job: its id and state. */
  public record StageJob(UUID id, String state) {}
}
