package io.synthos.orchestrator.jobs;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;

/** How an attempt ended, as the scheduler reports it to the store. */
public sealed interface Outcome {

  UUID jobId();

  long leaseVersion();

  /** The attempt produced its result. */
  record Success(UUID jobId, long leaseVersion, JsonObject result) implements Outcome {}

  /**
   * Any other end: back to the queue after {@code delay} (with {@code refundAttempt} when the
   * attempt should not count, as when the ML service was down), or a final state with the error.
   */
  record Settlement(
      UUID jobId,
      long leaseVersion,
      Priority priority,
      JobState state,
      Duration delay,
      boolean refundAttempt,
      String waitingReason,
      String error)
      implements Outcome {}
}
