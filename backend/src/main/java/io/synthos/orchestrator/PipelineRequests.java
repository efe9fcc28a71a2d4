package io.synthos.orchestrator;

import static io.synthos.orchestrator.RequestBodies.caller;
import static io.synthos.orchestrator.RequestBodies.fits;
import static io.synthos.orchestrator.RequestBodies.scope;
import static io.synthos.orchestrator.RequestBodies.tooLarge;

import io.synthos.auth.Principal;
import io.synthos.orchestrator.execution.JobEvents;
import io.synthos.orchestrator.jobs.DatasetGate;
import io.synthos.orchestrator.jobs.DatasetMembers.Reference;
import io.synthos.orchestrator.jobs.Priority;
import io.synthos.orchestrator.pipelines.PipelineKind;
import io.synthos.orchestrator.pipelines.PipelineRecords;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.synthos.platform.http.ProblemException;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What callers ask of the orchestrator about pipelines: create, read and cancel them. A pipeline is
 * created with its first jobs, and with the record a resource keeps of it when the request carries
 * one ({@link PipelineRecords}), in one transaction that also holds the dataset gate.
 */
final class PipelineRequests {

  private final Pool pool;
  private final PipelineStore pipelines;
  private final Map<PipelineKind, PipelineRecords> records;
  private final JobEvents events;
  private final EventBus bus;
  private final Clock clock;

  /**
   * @param records who keeps a record of which kind of pipeline, for requests that carry one
   */
  PipelineRequests(
      Pool pool,
      PipelineStore pipelines,
      Map<PipelineKind, PipelineRecords> records,
      JobEvents events,
      EventBus bus,
      Clock clock) {
    this.pool = pool;
    this.pipelines = pipelines;
    this.records = Map.copyOf(records);
    this.events = events;
    this.bus = bus;
    this.clock = clock;
  }

  /**
   * Creates a pipeline; {@code pipeline_id} (optional) chooses its id. Answers the pipeline; or,
   * when the body carries a {@code record}, {@code {"record": …}}: the record as written, or as the
   * caller's earlier request wrote it (then nothing else was created).
   */
  Future<JsonObject> create(JsonObject body) {
    Principal caller = caller(body);
    PipelineKind kind;
    Priority priority;
    try {
      kind = PipelineKind.of(body.getString("kind", ""));
      priority = Priority.of(body.getString("priority", "standard"));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(
          ProblemType.INVALID_PIPELINE.exception("Unknown pipeline kind or priority."));
    }
    JsonObject input = body.getJsonObject("input", new JsonObject());
    if (!fits(input)) {
      return Future.failedFuture(tooLarge("A pipeline input"));
    }
    JsonObject record = body.getJsonObject("record");
    if (record != null && !records.containsKey(kind)) {
      return Future.failedFuture(
          ProblemType.INVALID_PIPELINE.exception(
              "No record is kept of a " + kind.id() + " pipeline."));
    }
    UUID id;
    List<Reference> datasets;
    try {
      id =
          body.getString("pipeline_id") == null
              ? UUID.randomUUID()
              : UUID.fromString(body.getString("pipeline_id"));
      datasets = kind.datasets().in(input);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(
          ProblemType.INVALID_PIPELINE.exception("The pipeline id is not a UUID."));
    } catch (ProblemException e) {
      return Future.failedFuture(e);
    }
    Request request = new Request(id, kind, caller, priority, input, datasets, clock.instant());
    if (record == null) {
      return pool.withTransaction(connection -> create(connection, request))
          .onSuccess(this::announce)
          .compose(created -> pipelines.get(created.pipelineId(), caller.userId()));
    }
    return pool.withTransaction(
            connection ->
                records
                    .get(kind)
                    .write(connection, id, caller.userId(), record, request.now())
                    .compose(
                        written ->
                            written.created()
                                ? create(connection, request)
                                    .map(created -> new Recorded(written, created))
                                : Future.succeededFuture(new Recorded(written, null))))
        .onSuccess(recorded -> announce(recorded.created()))
        .map(recorded -> new JsonObject().put("record", recorded.written().record()));
  }

  /** The gate, then the pipeline and its first jobs, within the caller's transaction. */
  private Future<PipelineStore.Created> create(SqlConnection connection, Request request) {
    return DatasetGate.admit(
            connection, scope(request.caller()), request.kind().datasets(), request.datasets())
        .compose(
            admitted ->
                pipelines.create(
                    connection,
                    request.id(),
                    request.kind(),
                    request.caller().userId(),
                    request.priority(),
                    request.input(),
                    request.now()));
  }

  private void announce(PipelineStore.Created created) {
    if (created == null) {
      return;
    }
    events.jobs(created.jobs());
    bus.publish(OrchestratorAddresses.WAKE, new JsonObject());
  }

  Future<JsonObject> get(JsonObject body) {
    return pipelines.get(id(body), scope(body));
  }

  Future<JsonObject> cancel(JsonObject body) {
    UUID id = id(body);
    return pipelines
        .cancel(id, scope(body), clock.instant())
        .onSuccess(
            progress -> {
              progress
                  .jobs()
                  .forEach(
                      change ->
                          bus.publish(
                              OrchestratorAddresses.JOBS_STOP,
                              new JsonObject().put("job_id", change.jobId().toString())));
              events.jobs(progress.jobs());
              events.pipelines(progress.pipelines());
            })
        .compose(progress -> pipelines.get(id, scope(body)));
  }

  private static UUID id(JsonObject body) {
    return RequestBodies.id(body, PipelineStore::notFound);
  }

  /** A checked request to create a pipeline. */
  private record Request(
      UUID id,
      PipelineKind kind,
      Principal caller,
      Priority priority,
      JsonObject input,
      List<Reference> datasets,
      Instant now) {}

  /** The record a request wrote (or found), and the pipeline it created (null: none). */
  private record Recorded(PipelineRecords.Written written, PipelineStore.Created created) {}
}
