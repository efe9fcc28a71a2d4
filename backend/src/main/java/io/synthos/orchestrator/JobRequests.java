package io.synthos.orchestrator;

import static io.synthos.orchestrator.RequestBodies.caller;
import static io.synthos.orchestrator.RequestBodies.fits;
import static io.synthos.orchestrator.RequestBodies.scope;
import static io.synthos.orchestrator.RequestBodies.tooLarge;

import io.synthos.auth.Principal;
import io.synthos.orchestrator.execution.JobEvents;
import io.synthos.orchestrator.jobs.DatasetGate;
import io.synthos.orchestrator.jobs.DatasetMembers.Reference;
import io.synthos.orchestrator.jobs.JobChange;
import io.synthos.orchestrator.jobs.JobQueries;
import io.synthos.orchestrator.jobs.JobRows;
import io.synthos.orchestrator.jobs.JobSpec;
import io.synthos.orchestrator.jobs.JobState;
import io.synthos.orchestrator.jobs.JobStore;
import io.synthos.orchestrator.jobs.JobType;
import io.synthos.orchestrator.jobs.MlPool;
import io.synthos.orchestrator.jobs.Priority;
import io.synthos.orchestrator.jobs.QueueStats;
import io.synthos.orchestrator.jobs.ResourceEstimator;
import io.synthos.orchestrator.jobs.Resources;
import io.synthos.platform.http.PageRequest;
import io.synthos.platform.http.ProblemException;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What callers ask of the orchestrator about jobs: submit, ingest a dataset, read, list, cancel and
 * retry them, and the queue at a glance. Input is checked here (the API has checked its shape),
 * every query is scoped to the caller, and every change is announced.
 */
final class JobRequests {

  private static final int DEFAULT_ATTEMPTS = 3;

  private final Pool pool;
  private final JobStore store;
  private final JobQueries queries;
  private final QueueStats queueStats;
  private final ResourceEstimator estimator;
  private final JobEvents events;
  private final EventBus bus;
  private final Clock clock;

  JobRequests(
      Pool pool,
      JobStore store,
      JobQueries queries,
      ResourceEstimator estimator,
      JobEvents events,
      EventBus bus,
      Clock clock) {
    this.pool = pool;
    this.store = store;
    this.queries = queries;
    this.queueStats = new QueueStats(pool);
    this.estimator = estimator;
    this.events = events;
    this.bus = bus;
    this.clock = clock;
  }

  Future<JsonObject> submit(JsonObject body) {
    Principal caller = caller(body);
    JobType type = JobType.of(body.getString("type", "")).filter(JobType::submittable).orElse(null);
    JsonObject payload = body.getJsonObject("payload", new JsonObject());
    if (type == null) {
      return Future.failedFuture(
          ProblemType.UNKNOWN_JOB_TYPE.exception(
              "Unknown job type '"
                  + body.getString("type", "")
                  + "'; one of "
                  + JobType.submittableIds()
                  + "."));
    }
    if (!fits(payload)) {
      return Future.failedFuture(tooLarge("A job payload"));
    }
    Priority priority;
    Resources request;
    List<Reference> datasets;
    try {
      priority = Priority.of(body.getString("priority", "standard"));
      request =
          body.getJsonObject("resources") != null
              ? Resources.fromJson(body.getJsonObject("resources"))
              : estimator.estimate(type.id(), payload);
      datasets = type.datasets().in(payload);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(ProblemType.INVALID_JOB.exception(e.getMessage()));
    } catch (ProblemException e) {
      return Future.failedFuture(e);
    }
    int attempts = body.getInteger("max_attempts", DEFAULT_ATTEMPTS);
    Instant now = clock.instant();
    JobSpec spec =
        JobSpec.of(
            type.id(), type.pool(), caller.userId(), priority, request, payload, attempts, now);
    return enqueue(caller, type, datasets, spec, now).onSuccess(this::announce);
  }

  /**
   * Queues the job once its pool could ever admit it and the datasets it names pass the gate, the
   * check and the insert in one transaction; null when a job with its id exists already.
   */
  private Future<JsonObject> enqueue(
      Principal caller, JobType type, List<Reference> datasets, JobSpec spec, Instant now) {
    return admissible(type.pool(), spec.request())
        .compose(
            ok ->
                pool.withTransaction(
                    connection ->
                        DatasetGate.admit(connection, scope(caller), type.datasets(), datasets)
                            .compose(admitted -> store.insert(connection, spec, now))
                            .compose(
                                row ->
                                    row == null
                                        ? Future.succeededFuture((JsonObject) null)
                                        : JobStore.notify(connection)
                                            .map(notified -> JobRows.toJson(row)))));
  }

  /** A request that could never be admitted is refused now, rather than waiting forever. */
  private Future<Void> admissible(MlPool target, Resources request) {
    if (target == MlPool.NONE) {
      return Future.succeededFuture();
    }
    return store
        .capacity(target)
        .compose(
            capacity -> {
              // Above the 80% line a job still runs, alone in an idle pool; above the capacity
              // it never could.
              Resources limit = capacity.orElse(null);
              if (limit != null && limit.fits(request)) {
                return Future.succeededFuture();
              }
              if (limit == null) {
                // Not the request's fault: the pool's service has not reported yet (start-up).
                return Future.failedFuture(
                    ProblemType.CAPACITY_UNKNOWN.exception(
                        "The "
                            + target.id()
                            + " pool's capacity is not known yet: its service has not"
                            + " reported. Retry shortly.",
                        Map.of("Retry-After", "5")));
              }
              String detail =
                  "The request "
                      + request.toJson().encode()
                      + " exceeds the "
                      + target.id()
                      + " pool's capacity "
                      + limit.toJson().encode()
                      + ".";
              return Future.failedFuture(ProblemType.EXCEEDS_CAPACITY.exception(detail));
            });
  }

  private void announce(JsonObject job) {
    events.jobs(
        List.of(
            new JobChange(
                UUID.fromString(job.getString("id")),
                null,
                null,
                job.getString("type"),
                UUID.fromString(job.getString("owner_id")),
                JobState.QUEUED,
                null,
                null,
                new JobChange.Standing(
                    job.getString("priority"),
                    job.getString("pool"),
                    job.getInteger("attempts"),
                    job.getInteger("max_attempts")))));
    bus.publish(OrchestratorAddresses.WAKE, new JsonObject());
  }

  /**
   * Enqueues the ingestion of a dataset for its owner under the job id the caller chose, so asking
   * again with the same id answers the job already queued: a retried request never ingests twice.
   * Only the datasets resource asks; users cannot submit this type themselves.
   */
  Future<JsonObject> ingest(JsonObject body) {
    Principal caller = caller(body);
    UUID jobId = UUID.fromString(body.getString("job_id"));
    JsonObject payload = body.getJsonObject("payload", new JsonObject());
    JobType ingest = JobType.DATA_INGEST;
    List<Reference> datasets;
    try {
      datasets = ingest.datasets().in(payload);
    } catch (ProblemException e) {
      return Future.failedFuture(e);
    }
    Resources request = estimator.estimate(ingest.id(), payload);
    Instant now = clock.instant();
    JobSpec spec =
        new JobSpec(
            jobId,
            ingest.id(),
            ingest.pool(),
            caller.userId(),
            Priority.STANDARD,
            request,
            payload,
            DEFAULT_ATTEMPTS,
            now,
            null,
            null);
    return enqueue(caller, ingest, datasets, spec, now)
        .compose(
            job -> {
              if (job == null) {
                return queries.find(jobId, caller.userId());
              }
              announce(job);
              return Future.succeededFuture(job);
            });
  }

  Future<JsonObject> get(JsonObject body) {
    return queries.find(id(body), scope(body));
  }

  Future<JsonObject> list(JsonObject body) {
    return queries.list(
        scope(body),
        body.getJsonObject("filters", new JsonObject()),
        PageRequest.fromJson(body.getJsonObject("page", new JsonObject())));
  }

  Future<JsonObject> cancel(JsonObject body) {
    UUID id = id(body);
    return queries
        .cancel(id, scope(body), clock.instant())
        .onSuccess(
            job -> {
              bus.publish(
                  OrchestratorAddresses.JOBS_STOP, new JsonObject().put("job_id", id.toString()));
              events.jobs(
                  List.of(
                      new JobChange(
                          id,
                          null,
                          null,
                          job.getString("type"),
                          UUID.fromString(job.getString("owner_id")),
                          JobState.of(job.getString("state")),
                          "cancel requested",
                          null)));
            });
  }

  Future<JsonObject> retry(JsonObject body) {
    if (!caller(body).isAdmin()) {
      return queries
          .find(id(body), scope(body))
          .compose(
              job ->
                  Future.failedFuture(
                      ProblemType.ADMIN_ONLY.exception("Only an admin can re-queue a dead job.")));
    }
    return queries.retryDead(id(body), clock.instant()).onSuccess(this::announce);
  }

  /** The queue at a glance (admins only): counts, oldest waiting job, throughput, failures. */
  Future<JsonObject> queueStats(JsonObject body) {
    if (!caller(body).isAdmin()) {
      return Future.failedFuture(
          ProblemType.ADMIN_ONLY.exception("Only an admin can read the queue."));
    }
    return queueStats.read(clock.instant());
  }

  private static UUID id(JsonObject body) {
    return RequestBodies.id(body, JobQueries::notFound);
  }
}
