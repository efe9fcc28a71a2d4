package io.synthos.orchestrator.jobs;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * A job to enqueue: what to run ({@code type}), on which ML pool, for whom, how urgently, with what
 * resources, when at the earliest, and how many attempts it gets. Pipeline stages name their
 * pipeline and stage.
 */
public record JobSpec(
    UUID id,
    String type,
    MlPool pool,
    UUID ownerId,
    Priority priority,
    Resources request,
    JsonObject payload,
    int maxAttempts,
    Instant runAfter,
    UUID pipelineId,
    String stage) {

  /** A stand-alone job that may run now. */
  public static JobSpec of(
      String type,
      MlPool pool,
      UUID ownerId,
      Priority priority,
      Resources request,
      JsonObject payload,
      int maxAttempts,
      Instant now) {
    return new JobSpec(
        UUID.randomUUID(),
        type,
        pool,
        ownerId,
        priority,
        request,
        payload,
        maxAttempts,
        now,
        null,
        null);
  }

  /** When the job may be claimed, shifted by its priority's aging offset. */
  public Instant sortKey() {
    return runAfter.plus(priority.agingOffset());
  }
}
