package io.synthos.orchestrator;

import io.synthos.auth.Principal;
import io.synthos.platform.bus.BusClient;
import io.synthos.platform.http.PageRequest;
import io.synthos.platform.http.ProblemException;
import io.synthos.platform.http.ProblemType;
import io.synthos.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * How the API asks the orchestrator for anything: typed calls over the event bus, each carrying the
 * caller so the orchestrator scopes every query to what the caller may see. Failures arrive as
 * {@link ProblemException}s; an orchestrator that does not answer is a 503.
 */
public final class OrchestratorClient {

  private final BusClient bus;
  private final Metrics metrics;

  public OrchestratorClient(Vertx vertx) {
    this.bus = new BusClient(vertx, ProblemType.ORCHESTRATOR_UNAVAILABLE, "orchestrator");
    this.metrics = Metrics.of(vertx);
  }

  /**
   * Enqueues a job. {@code request}: {@code type}, {@code priority}, {@code payload}, optional
   * {@code resources} and {@code max_attempts}. Answers the job (see {@link #job}).
   */
  public Future<JsonObject> submitJob(Principal caller, JsonObject request) {
    return ask(OrchestratorAddresses.JOBS_SUBMIT, request.copy().put("caller", caller.toJson()));
  }

  /**
   * A job: id, type, pool, state, waiting_reason, priority, resources, attempts, timestamps, result
   * or error.
   */
  public Future<JsonObject> job(Principal caller, UUID id) {
    return ask(
        OrchestratorAddresses.JOBS_GET,
        new JsonObject().put("caller", caller.toJson()).put("id", id.toString()));
  }

  /**
   * The caller's jobs (all jobs for an admin), newest first; {@code filters}: state, type,
   * pipeline_id.
   */
  public Future<JsonObject> jobs(Principal caller, JsonObject filters, PageRequest page) {
    return ask(
        OrchestratorAddresses.JOBS_LIST,
        new JsonObject()
            .put("caller", caller.toJson())
            .put("filters", filters)
            .put("page", page.toJson()));
  }

  public Future<JsonObject> cancelJob(Principal caller, UUID id) {
    return ask(
        OrchestratorAddresses.JOBS_CANCEL,
        new JsonObject().put("caller", caller.toJson()).put("id", id.toString()));
  }

  /** Re-queues a dead job (admins only). */
  public Future<JsonObject> retryJob(Principal caller, UUID id) {
    return ask(
        OrchestratorAddresses.JOBS_RETRY,
        new JsonObject().put("caller", caller.toJson()).put("id", id.toString()));
  }

  /**
   * The queue at a glance (admins only): {@code counts} by state and priority, the oldest queued
   * job, {@code finished_last_minute} and {@code recent_failures}.
   */
  public Future<JsonObject> queueStats(Principal caller) {
    return ask(OrchestratorAddresses.QUEUE_STATS, new JsonObject().put("caller", caller.toJson()));
  }

  /** Creates a pipeline of {@code kind} (validation, full) with its first stages enqueued. */
  public Future<JsonObject> createPipeline(Principal caller, String kind, JsonObject request) {
    return ask(
        OrchestratorAddresses.PIPELINES_CREATE,
        request.copy().put("caller", caller.toJson()).put("kind", kind));
  }

  /**
   * Creates a pipeline of {@code kind} with the record the caller's resource keeps of it, in one
   * transaction (see {@link io.synthos.orchestrator.pipelines.PipelineRecords}). {@code request} as
   * for {@link #createPipeline}, with its {@code pipeline_id}. Answers the record as written, or as
   * the caller's earlier request with the same idempotency key wrote it.
   */
  public Future<JsonObject> createRecordedPipeline(
      Principal caller, String kind, JsonObject request, JsonObject record) {
    return createPipeline(caller, kind, request.copy().put("record", record))
        .map(answer -> answer.getJsonObject("record"));
  }

  /** A pipeline with its stages, their jobs and results. */
  public Future<JsonObject> pipeline(Principal caller, UUID id) {
    return ask(
        OrchestratorAddresses.PIPELINES_GET,
        new JsonObject().put("caller", caller.toJson()).put("id", id.toString()));
  }

  public Future<JsonObject> cancelPipeline(Principal caller, UUID id) {
    return ask(
        OrchestratorAddresses.PIPELINES_CANCEL,
        new JsonObject().put("caller", caller.toJson()).put("id", id.toString()));
  }

  /**
   * Enqueues the ingestion of the caller's dataset as job {@code jobId}; asking again with the same
   * id answers the same job. {@code payload}: dataset_id, format, delimiter, column_types,
   * size_bytes.
   */
  public Future<JsonObject> ingestDataset(Principal caller, UUID jobId, JsonObject payload) {
    return ask(
        OrchestratorAddresses.DATASETS_INGEST,
        new JsonObject()
            .put("caller", caller.toJson())
            .put("job_id", jobId.toString())
            .put("payload", payload));
  }

  /** Who uses a dataset now: {@code in_use} and {@code by} (running pipelines, active jobs). */
  public Future<JsonObject> datasetUsers(UUID datasetId) {
    return ask(
        OrchestratorAddresses.DATASETS_USERS,
        new JsonObject().put("dataset_id", datasetId.toString()));
  }

  /** Asks, counting and timing the call by operation (the address) and outcome. */
  private Future<JsonObject> ask(String address, JsonObject body) {
    long start = System.nanoTime();
    return bus.ask(address, body)
        .onComplete(
            done -> {
              String outcome = outcome(done.cause());
              metrics.count(
                  Metrics.ORCHESTRATOR_REQUESTS, "operation", address, "outcome", outcome);
              metrics.time(
                  Metrics.ORCHESTRATOR_DURATION,
                  System.nanoTime() - start,
                  "operation",
                  address,
                  "outcome",
                  outcome);
            });
  }

  /** success; rejected when the orchestrator refused the request (4xx); failed otherwise. */
  private static String outcome(Throwable failure) {
    if (failure == null) {
      return "success";
    }
    return failure instanceof ProblemException problem && problem.problem().status() < 500
        ? "rejected"
        : "failed";
  }
}
