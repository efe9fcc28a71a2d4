package io.synthos.api.validations;

import io.synthos.auth.Principal;
import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.platform.http.ProblemException;
import io.synthos.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each validation's row in step with its pipeline: the orchestrator's job events move it
 * (started, progressed, finished with the report), and every change is announced on {@link
 * #CHANGED} for the server-sent event streams of every node. A validation whose events went unheard
 * is followed up by {@link #followUp}, which asks the orchestrator directly. One per node hears the
 * events and runs the follow-up ({@link ValidationTrackingVerticle}); the routes use theirs to
 * create and cancel.
 */
final class ValidationTracker {

  /** Published (cluster-wide) after every committed change: {@code Change} JSON. */
  static final String CHANGED = "validations.changed";

  private static final Logger log = LoggerFactory.getLogger(ValidationTracker.class);

  /**
   * How often the report of a finished pipeline is asked for when the orchestrator does not answer
   * (a node that just died may still receive the first request, which then times out), and how long
   * to wait between two asks; after the last, the janitor takes over.
   */
  private static final int REPORT_ATTEMPTS = 3;

  private static final Duration REPORT_RETRY_AFTER = Duration.ofSeconds(1);

  /** Why a validation whose pipeline was never created failed. */
  static final String NO_PIPELINE =
      "Its pipeline was never created (the request was interrupted); ask for the validation again.";

  private final ValidationStore store;
  private final OrchestratorClient orchestrator;
  private final Vertx vertx;
  private final EventBus bus;
  private final Clock clock;
  private final Metrics metrics;

  ValidationTracker(
      ValidationStore store,
      OrchestratorClient orchestrator,
      Vertx vertx,
      Clock clock,
      Metrics metrics) {
    this.store = store;
    this.orchestrator = orchestrator;
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Applies one {@code jobs.events} message, if it concerns a validation pipeline. */
  Future<Void> onJobEvent(JsonObject event) {
    String pipeline = event.getString("pipeline_id");
    if (pipeline == null) {
      return Future.succeededFuture();
    }
    UUID id = UUID.fromString(pipeline);
    String stage = event.getString("stage");
    Future<Optional<ValidationStore.Change>> change =
        switch (event.getString("kind", "")) {
          case "progress" ->
              store.progressed(
                  id,
                  stage,
                  Math.min(1, event.getDouble("fraction", 0.0)),
                  event.getString("step"),
                  clock.instant());
          case "job" -> jobChanged(id, stage, event.getString("state"));
          case "pipeline" -> {
            UUID owner = UUID.fromString(event.getString("owner_id"));
            yield finished(
                id,
                event.getString("state"),
                event.getString("reason"),
                () -> finishedPipeline(owner, id, 1));
          }
          default -> Future.succeededFuture(Optional.empty());
        };
    return change.onSuccess(this::announce).mapEmpty();
  }

  private Future<Optional<ValidationStore.Change>> jobChanged(UUID id, String stage, String state) {
    if ("running".equals(state)) {
      return store.started(id, stage, clock.instant());
    }
    if ("succeeded".equals(state)) {
      return store.progressed(id, stage, 1.0, null, clock.instant());
    }
    return Future.succeededFuture(Optional.empty());
  }

  /**
   * Records how the pipeline ended. A succeeded one is completed with the report its last stage
   * wrote, read from {@code ended} (the orchestrator's view of it, asked for only then).
   */
  private Future<Optional<ValidationStore.Change>> finished(
      UUID id, String state, String reason, Supplier<Future<JsonObject>> ended) {
    return switch (state == null ? "" : state) {
      case "succeeded" ->
          ended
              .get()
              .compose(
                  pipeline ->
                      store.finished(
                          id,
                          "completed",
                          null,
                          report(pipeline),
                          ValidationRows.allDone(),
                          clock.instant()));
      case "failed" -> store.finished(id, "failed", reason, null, null, clock.instant());
      case "cancelled" -> store.finished(id, "cancelled", reason, null, null, clock.instant());
      default -> Future.succeededFuture(Optional.empty());
    };
  }

  /**
   * The finished pipeline, asked for again while the orchestrator does not answer (a 503). Each ask
   * is counted: with one tracker per node, a report is read once per node.
   */
  private Future<JsonObject> finishedPipeline(UUID owner, UUID id, int attempt) {
    metrics.count(Metrics.VALIDATION_REPORT_FETCHES);
    return orchestrator
        .pipeline(system(owner), id)
        .recover(
            failure ->
                attempt < REPORT_ATTEMPTS && unavailable(failure)
                    ? vertx
                        .timer(REPORT_RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS)
                        .compose(fired -> finishedPipeline(owner, id, attempt + 1))
                    : Future.failedFuture(failure));
  }

  private static boolean unavailable(Throwable failure) {
    return failure instanceof ProblemException problem && problem.problem().status() == 503;
  }

  /** Marks a validation cancelled at its owner's request, once the orchestrator stopped it. */
  Future<Optional<ValidationStore.Change>> cancelled(UUID id, String reason) {
    return store
        .finished(id, "cancelled", reason, null, null, clock.instant())
        .onSuccess(this::announce);
  }

  /**
   * Follows up validations that have not moved for {@code quiet}: the pipeline's state decides
   * (running: looked at again later; finished: recorded); safe on every instance at once.
   */
  Future<Void> followUp(Duration quiet) {
    return store
        .stale(clock.instant().minus(quiet), 50)
        .compose(
            stale ->
                Future.join(stale.stream().map(this::followUp).toList())
                    .<Void>mapEmpty()
                    .otherwiseEmpty());
  }

  private Future<Void> followUp(ValidationStore.Stale validation) {
    return orchestrator
        .pipeline(system(validation.owner()), validation.id())
        .compose(
            pipeline -> {
              String state = pipeline.getString("state");
              if ("running".equals(state)) {
                return store.touch(validation.id(), clock.instant());
              }
              return finished(
                      validation.id(),
                      state,
                      pipeline.getString("error"),
                      () -> Future.succeededFuture(pipeline))
                  .onSuccess(this::announce)
                  .mapEmpty();
            })
        .recover(
            failure ->
                failure instanceof ProblemException problem && problem.problem().status() == 404
                    ? withoutPipeline(validation.id())
                    : Future.failedFuture(failure))
        .onFailure(
            failure ->
                log.warn(
                    "cannot follow up validation {} now: {}",
                    validation.id(),
                    failure.getMessage()));
  }

  /**
   * A validation without a pipeline: one recorded by a version that wrote the row and asked for the
   * pipeline in two steps, and stopped between them. A validation is now written in the pipeline's
   * transaction, so this can be no other; it fails, telling its owner to ask again.
   */
  private Future<Void> withoutPipeline(UUID id) {
    return store
        .finished(id, "failed", NO_PIPELINE, null, null, clock.instant())
        .onSuccess(this::announce)
        .mapEmpty();
  }

  private void announce(Optional<ValidationStore.Change> change) {
    change.ifPresent(
        committed -> {
          bus.publish(CHANGED, committed.toJson());
          counted(committed);
        });
  }

  /** Counts a validation once, when the update that ended it commits (on one node only). */
  private void counted(ValidationStore.Change committed) {
    if (committed.seconds() != null) {
      metrics.count(Metrics.VALIDATIONS, "status", committed.status());
      metrics.time(
          Metrics.VALIDATION_DURATION,
          (long) (committed.seconds() * 1e9),
          "status",
          committed.status());
    }
  }

  /** The report the pipeline's last stage wrote. */
  private static JsonObject report(JsonObject pipeline) {
    for (Object stage : pipeline.getJsonArray("stages", new JsonArray())) {
      JsonObject named = (JsonObject) stage;
      if ("report".equals(named.getString("name"))) {
        return named.getJsonObject("result");
      }
    }
    return null;
  }

  /** The owner, as the orchestrator scopes a request Synthos makes on their behalf. */
  private static Principal system(UUID owner) {
    return new Principal(owner, Principal.USER, null, null, Map.of());
  }
}
