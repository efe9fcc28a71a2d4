package io.synthos.api.datasets;

import io.synthos.auth.Principal;
import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.platform.http.ProblemException;
import io.synthos.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingestion is a job like any other: starting one moves the dataset to {@code processing} under a
 * job id chosen here, then asks the orchestrator for that job; its end — announced on {@code
 * jobs.events}, or found later by {@link #reconcile} — writes the schema and profile into the
 * record. Choosing the id first makes every step safe to repeat.
 */
final class DatasetIngests {

  private static final Logger log = LoggerFactory.getLogger(DatasetIngests.class);
  private static final List<String> TERMINAL = List.of("succeeded", "failed", "dead", "cancelled");

  private final DatasetStore store;
  private final DataServiceClient data;
  private final OrchestratorClient orchestrator;
  private final Clock clock;
  private final Metrics metrics;

  DatasetIngests(
      DatasetStore store,
      DataServiceClient data,
      OrchestratorClient orchestrator,
      Clock clock,
      Metrics metrics) {
    this.store = store;
    this.data = data;
    this.orchestrator = orchestrator;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Moves the dataset from one of {@code from} to {@code processing} with {@code columnTypes} and
   * queues its ingest job, owned by the dataset's owner whoever asks. Answers the dataset; fails
   * with {@code otherwise} when it is not in one of those states.
   */
  Future<JsonObject> start(
      UUID id,
      UUID scope,
      JsonObject columnTypes,
      Long sizeBytes,
      List<String> from,
      Supplier<ProblemException> otherwise) {
    UUID jobId = UUID.randomUUID();
    return store
        .startIngest(id, scope, jobId, columnTypes, sizeBytes, from, clock.instant())
        .compose(
            started -> {
              if (started.isEmpty()) {
                return Future.failedFuture(otherwise.get());
              }
              JsonObject dataset = started.get();
              counted(true, "processing");
              Principal owner = owner(UUID.fromString(dataset.getString("owner_id")));
              return submit(owner, jobId, pendingOf(dataset))
                  .map(job -> dataset)
                  // Queued or not, the record says processing: the reconciler re-submits the same
                  // job id, so the caller's 202 stays true.
                  .recover(
                      failure ->
                          failure instanceof ProblemException problem
                                  && problem.problem().status() == 422
                              ? store
                                  .failed(jobId, problem.problem().detail(), clock.instant())
                                  .map(changed -> counted(changed, "failed"))
                                  .compose(marked -> Future.failedFuture(failure))
                              : Future.succeededFuture(dataset));
            });
  }

  /** Counts a dataset that reached {@code status}, once: only the node whose update took it. */
  private boolean counted(boolean changed, String status) {
    if (changed) {
      metrics.count(Metrics.DATASETS, "status", status);
    }
    return changed;
  }

  /** Records the end of an ingest job; ignores jobs no dataset waits for. */
  Future<Void> finish(UUID jobId, String state, String reason) {
    if (!TERMINAL.contains(state)) {
      return Future.succeededFuture();
    }
    return store
        .pending(jobId)
        .compose(
            pending -> {
              if (pending.isEmpty()) {
                return Future.succeededFuture();
              }
              if (!"succeeded".equals(state)) {
                return store
                    .failed(jobId, failureReason(state, reason), clock.instant())
                    .map(changed -> counted(changed, "failed"))
                    .mapEmpty();
              }
              return data.info(pending.get().datasetId())
                  .compose(
                      info -> {
                        JsonObject profile = new JsonObject(info.getProfileJson());
                        return store
                            .ready(jobId, profile, DatasetRows.schemaOf(profile), clock.instant())
                            .map(changed -> counted(changed, "ready"));
                      })
                  .mapEmpty();
            });
  }

  /**
   * Follows up a dataset whose job may have ended unannounced, or was never queued: a finished job
   * is recorded, a missing one is queued again under the same id.
   */
  Future<Void> reconcile(PendingIngest pending) {
    Principal owner = owner(pending.ownerId());
    return orchestrator
        .job(owner, pending.jobId())
        .compose(
            job -> finish(pending.jobId(), job.getString("state"), job.getString("error")),
            failure ->
                failure instanceof ProblemException problem && problem.problem().status() == 404
                    ? submit(owner, pending.jobId(), pending).mapEmpty()
                    : Future.failedFuture(failure));
  }

  /**
   * Brings a processing dataset up to date before it is read, in case its job ended unannounced. A
   * failure to ask leaves the record as it is: the read still answers.
   */
  Future<Void> refresh(UUID id, UUID scope) {
    return store
        .find(id, scope)
        .compose(
            found -> {
              if (found.isEmpty() || !"processing".equals(found.get().getString("status"))) {
                return Future.succeededFuture();
              }
              UUID jobId = UUID.fromString(found.get().getString("ingest_job_id"));
              return store
                  .pending(jobId)
                  .compose(
                      pending ->
                          pending.isEmpty()
                              ? Future.<Void>succeededFuture()
                              : reconcile(pending.get()));
            })
        .otherwiseEmpty();
  }

  /** Reconciles the datasets processing since before {@code before}. */
  Future<Void> reconcileStale(Instant before) {
    return store
        .staleProcessing(before, 100)
        .compose(
            stale ->
                Future.join(
                        stale.stream()
                            .map(
                                pending ->
                                    reconcile(pending)
                                        .onFailure(
                                            failure ->
                                                log.warn(
                                                    "cannot follow the ingest of dataset {}: {}",
                                                    pending.datasetId(),
                                                    failure.getMessage())))
                            .toList())
                    .mapEmpty());
  }

  private Future<JsonObject> submit(Principal owner, UUID jobId, PendingIngest pending) {
    return orchestrator.ingestDataset(owner, jobId, pending.payload());
  }

  private PendingIngest pendingOf(JsonObject dataset) {
    return new PendingIngest(
        UUID.fromString(dataset.getString("id")),
        UUID.fromString(dataset.getString("owner_id")),
        UUID.fromString(dataset.getString("ingest_job_id")),
        dataset.getString("format"),
        dataset.getString("delimiter"),
        dataset.getJsonObject("column_types"),
        dataset.getLong("size_bytes"),
        clock.instant());
  }

  /**
   * The owner as the orchestrator scopes their jobs: the datasets resource acts on their behalf.
   */
  private static Principal owner(UUID ownerId) {
    return new Principal(ownerId, Principal.USER, null, null, Map.of());
  }

  private static String failureReason(String state, String reason) {
    // The service's words matter to the user; how the orchestrator reached it does not.
    String why =
        reason == null || reason.isBlank()
            ? "no reason given"
            : reason.replaceFirst("^data service answered [A-Z_]+: ", "");
    return switch (state) {
      case "cancelled" -> "ingestion was cancelled";
      default -> why;
    };
  }
}
