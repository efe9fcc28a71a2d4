package io.synthos.orchestrator.pipelines;

import static io.synthos.orchestrator.jobs.Sql.at;

import io.synthos.orchestrator.jobs.JobChange;
import io.synthos.orchestrator.jobs.JobRows;
import io.synthos.orchestrator.jobs.JobSpec;
import io.synthos.orchestrator.jobs.JobStore;
import io.synthos.orchestrator.jobs.JobStore.StageJob;
import io.synthos.orchestrator.jobs.Priority;
import io.synthos.orchestrator.jobs.ResourceEstimator;
import io.synthos.orchestrator.jobs.Sql;
import io.synthos.platform.http.ProblemException;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Pipelines and their progress: the {@code pipelines} and {@code stage_results} tables. A stage's
 * result is written once per (pipeline, stage); the stages it unblocks are enqueued in the same
 * transaction that completes it; a failed stage halts the pipeline with its reason. A pipeline's
 * jobs are written through {@link JobStore}, always in the caller's transaction.
 */
public final class PipelineStore {

  private static final int STAGE_ATTEMPTS = 3;
  private static final String INSERT =
      "INSERT INTO pipelines (id, kind, owner_id, priority, state, input, created_at, updated_at)"
          + " VALUES ($1, $2, $3, $4, 'running', $5, $6, $6) ON CONFLICT (id) DO NOTHING";
  private static final String LOCK =
      "SELECT id, kind, owner_id, priority, state, input FROM pipelines WHERE id = $1 FOR UPDATE";
  private static final String SAVE_RESULT =
      "INSERT INTO stage_results (pipeline_id, stage, job_id, result, created_at) VALUES ($1, $2, $3, $4, $5)"
          + " ON CONFLICT (pipeline_id, stage) DO NOTHING";
  private static final String DONE_STAGES =
      "SELECT stage FROM stage_results WHERE pipeline_id = $1";
  private static final String FINISH =
      "UPDATE pipelines SET state = $2, error = $3, updated_at = $4, finished_at = $4 WHERE id = $1 AND state = 'running'"
          + " RETURNING id, owner_id, state, error";
  private static final String GET =
      "SELECT id, kind, owner_id, priority, state, input, error, created_at, updated_at, finished_at"
          + " FROM pipelines WHERE id = $1 AND ($2::uuid IS NULL OR owner_id = $2)";
  private static final String RESULTS =
      "SELECT stage, result FROM stage_results WHERE pipeline_id = $1";
  private static final String RUNNING_NAMING =
      "SELECT id FROM pipelines WHERE state = 'running' AND strpos(input::text, $1) > 0 LIMIT $2";

  private final Pool pool;
  private final JobStore jobs;
  private final ResourceEstimator estimator;

  public PipelineStore(Pool pool, JobStore jobs, ResourceEstimator estimator) {
    this.pool = pool;
    this.jobs = jobs;
    this.estimator = estimator;
  }

  /**
   * Locks the given pipelines, in id order. Every transaction that changes a pipeline's jobs takes
   * these locks before touching any job row, so two such transactions never deadlock.
   */
  public Future<Void> lock(SqlClient client, java.util.Collection<UUID> pipelineIds) {
    if (pipelineIds.isEmpty()) {
      return Future.succeededFuture();
    }
    UUID[] ids = pipelineIds.stream().distinct().sorted().toArray(UUID[]::new);
    return client
        .preparedQuery("SELECT id FROM pipelines WHERE id = ANY($1) ORDER BY id FOR UPDATE")
        .execute(Tuple.of((Object) ids))
        .mapEmpty();
  }

  /**
   * Creates pipeline {@code id} and enqueues its first stages, within the caller's transaction.
   * Creating an id that exists changes nothing, so a caller that chose the id can ask again safely.
   */
  public Future<Created> create(
      SqlClient transaction,
      UUID id,
      PipelineKind kind,
      UUID owner,
      Priority priority,
      JsonObject input,
      Instant now) {
    return transaction
        .preparedQuery(INSERT)
        .execute(Tuple.of(id, kind.id(), owner, priority.code(), input, at(now)))
        .compose(
            inserted ->
                inserted.rowCount() == 0
                    ? Future.succeededFuture(new Created(id, List.of()))
                    : enqueueReady(transaction, id, kind, owner, priority, input, Set.of(), now)
                        .compose(
                            changes -> JobStore.notify(transaction).map(new Created(id, changes))));
  }

  /**
   * Records the results of succeeded stage jobs and enqueues what they unblock, within the caller's
   * transaction. The pipeline row is locked first, so two stages finishing at once cannot both miss
   * the stage they jointly unblock.
   */
  public Future<Progress> advance(SqlClient client, List<JobChange> succeeded, Instant now) {
    Future<Progress> chain = Future.succeededFuture(new Progress());
    for (JobChange change : succeeded) {
      if (change.pipelineId() != null) {
        chain = chain.compose(progress -> advanceOne(client, change, now).map(progress::add));
      }
    }
    return chain;
  }

  private Future<Progress> advanceOne(SqlClient client, JobChange change, Instant now) {
    return client
        .preparedQuery(LOCK)
        .execute(Tuple.of(change.pipelineId()))
        .compose(
            rows -> {
              Row pipeline = rows.iterator().next();
              return client
                  .preparedQuery(SAVE_RESULT)
                  .execute(
                      Tuple.of(
                          change.pipelineId(),
                          change.stage(),
                          change.jobId(),
                          change.result() == null ? new JsonObject() : change.result(),
                          at(now)))
                  .compose(
                      saved ->
                          client.preparedQuery(DONE_STAGES).execute(Tuple.of(change.pipelineId())))
                  .compose(done -> next(client, pipeline, stages(done), now));
            });
  }

  private Future<Progress> next(SqlClient client, Row pipeline, Set<String> done, Instant now) {
    PipelineKind kind = PipelineKind.of(pipeline.getString("kind"));
    UUID id = pipeline.getUUID("id");
    if (!"running".equals(pipeline.getString("state"))) {
      return Future.succeededFuture(new Progress());
    }
    if (done.size() == kind.stages().size()) {
      return finish(client, id, "succeeded", null, now)
          .map(finished -> new Progress().withPipeline(finished));
    }
    return enqueueReady(
            client,
            id,
            kind,
            pipeline.getUUID("owner_id"),
            Priority.ofCode(pipeline.getShort("priority")),
            JobRows.jsonOf(pipeline.getValue("input")),
            done,
            now)
        .compose(
            changes ->
                changes.isEmpty()
                    ? Future.succeededFuture(new Progress())
                    : JobStore.notify(client).map(new Progress(changes, List.of())));
  }

  private Future<List<JobChange>> enqueueReady(
      SqlClient client,
      UUID pipelineId,
      PipelineKind kind,
      UUID owner,
      Priority priority,
      JsonObject input,
      Set<String> done,
      Instant now) {
    Future<List<JobChange>> chain = Future.succeededFuture(new ArrayList<>());
    for (Stage stage : kind.stages()) {
      if (done.contains(stage.name()) || !done.containsAll(stage.needs())) {
        continue;
      }
      JsonObject payload =
          input.copy().put("pipeline_id", pipelineId.toString()).put("stage", stage.name());
      JobSpec spec =
          new JobSpec(
              UUID.randomUUID(),
              stage.type().id(),
              stage.type().pool(),
              owner,
              priority,
              estimator.estimate(stage.type().id(), input),
              payload,
              STAGE_ATTEMPTS,
              now,
              pipelineId,
              stage.name());
      chain =
          chain.compose(
              list ->
                  jobs.insert(client, spec, now)
                      .map(
                          row -> {
                            if (row != null) {
                              list.add(JobChange.from(row));
                            }
                            return list;
                          }));
    }
    return chain;
  }

  /** Halts the pipeline (failed, with the reason) or cancels it, stopping its remaining jobs. */
  public Future<Progress> stop(
      SqlClient client, UUID pipelineId, String state, String reason, Instant now) {
    return finish(client, pipelineId, state, reason, now)
        .compose(
            finished ->
                jobs.stopPipelineJobs(client, pipelineId, now)
                    .map(stopped -> new Progress(stopped, List.of()).withPipeline(finished)));
  }

  private Future<JsonObject> finish(
      SqlClient client, UUID id, String state, String error, Instant now) {
    return client
        .preparedQuery(FINISH)
        .execute(Tuple.of(id, state, error, at(now)))
        .map(rows -> rows.size() == 0 ? null : pipelineEvent(rows.iterator().next()));
  }

  /** Cancels a caller's running pipeline; a finished one is a 409, another's a 404. */
  public Future<Progress> cancel(UUID id, UUID owner, Instant now) {
    return get(id, owner)
        .compose(
            pipeline -> {
              if (!"running".equals(pipeline.getString("state"))) {
                return Future.failedFuture(
                    ProblemType.PIPELINE_STATE_CONFLICT.exception(
                        "The pipeline is already " + pipeline.getString("state") + "."));
              }
              return pool.withTransaction(
                  connection ->
                      stop(
                          connection,
                          id,
                          "cancelled",
                          "cancelled by " + (owner == null ? "an admin" : "its owner"),
                          now));
            });
  }

  /** The pipeline with each stage's job, state and result; 404 when not the caller's. */
  public Future<JsonObject> get(UUID id, UUID owner) {
    return pool.preparedQuery(GET)
        .execute(Tuple.of(id, owner))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(ProblemType.NOT_FOUND.exception("No such pipeline."));
              }
              Row row = rows.iterator().next();
              // Jobs first: a stage's result commits with its job's success, so a job read as
              // succeeded always finds its result in the read that follows.
              return jobs.pipelineJobs(id)
                  .compose(stageJobs -> results(id).map(results -> view(row, stageJobs, results)));
            });
  }

  /** Up to {@code limit} running pipelines whose input names the dataset. */
  public Future<List<UUID>> runningNaming(UUID datasetId, int limit) {
    return pool.preparedQuery(RUNNING_NAMING)
        .execute(Tuple.of(datasetId.toString(), limit))
        .map(Sql::ids);
  }

  /** Someone else's pipeline, or none: the two answer alike. */
  public static ProblemException notFound() {
    return ProblemType.NOT_FOUND.exception("No such pipeline.");
  }

  /** The results of the pipeline's finished stages, by stage name. */
  public Future<Map<String, JsonObject>> results(UUID pipelineId) {
    return pool.preparedQuery(RESULTS)
        .execute(Tuple.of(pipelineId))
        .map(
            rows -> {
              Map<String, JsonObject> results = new HashMap<>();
              rows.forEach(
                  row ->
                      results.put(row.getString("stage"), JobRows.jsonOf(row.getValue("result"))));
              return results;
            });
  }

  private static JsonObject view(
      Row row, Map<String, StageJob> stageJobs, Map<String, JsonObject> results) {
    JsonArray stages = new JsonArray();
    for (Stage stage : PipelineKind.of(row.getString("kind")).stages()) {
      StageJob job = stageJobs.get(stage.name());
      stages.add(
          new JsonObject()
              .put("name", stage.name())
              .put("needs", new JsonArray(stage.needs()))
              .put("job_id", job == null ? null : job.id().toString())
              .put("state", job == null ? "pending" : job.state())
              // A result is stored with the job that produced it: without a job, there is none.
              .put("result", job == null ? null : results.get(stage.name())));
    }
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("kind", row.getString("kind"))
        .put("state", row.getString("state"))
        .put("priority", Priority.ofCode(row.getShort("priority")).id())
        .put("owner_id", row.getUUID("owner_id").toString())
        .put("input", JobRows.jsonOf(row.getValue("input")))
        .put("error", row.getString("error"))
        .put("created_at", JobRows.timeOf(row.getOffsetDateTime("created_at")))
        .put("updated_at", JobRows.timeOf(row.getOffsetDateTime("updated_at")))
        .put("finished_at", JobRows.timeOf(row.getOffsetDateTime("finished_at")))
        .put("stages", stages);
  }

  private static JsonObject pipelineEvent(Row row) {
    return new JsonObject()
        .put("pipeline_id", row.getUUID("id").toString())
        .put("owner_id", row.getUUID("owner_id").toString())
        .put("state", row.getString("state"))
        .put("reason", row.getString("error"));
  }

  private static Set<String> stages(io.vertx.sqlclient.RowSet<Row> rows) {
    Set<String> names = new HashSet<>();
    rows.forEach(row -> names.add(row.getString("stage")));
    return names;
  }

  /** A new pipeline and the jobs of its first stages. */
  public record Created(UUID pipelineId, List<JobChange> jobs) {}

  /** What a transaction changed: jobs enqueued or stopped, and pipelines that finished. */
  public record Progress(List<JobChange> jobs, List<JsonObject> pipelines) {

    public Progress() {
      this(new ArrayList<>(), new ArrayList<>());
    }

    Progress add(Progress other) {
      List<JobChange> allJobs = new ArrayList<>(jobs);
      allJobs.addAll(other.jobs);
      List<JsonObject> allPipelines = new ArrayList<>(pipelines);
      allPipelines.addAll(other.pipelines);
      return new Progress(allJobs, allPipelines);
    }

    Progress withPipeline(JsonObject pipeline) {
      if (pipeline == null) {
        return this;
      }
      List<JsonObject> allPipelines = new ArrayList<>(pipelines);
      allPipelines.add(pipeline);
      return new Progress(jobs, allPipelines);
    }
  }
}
