package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.JobState;
import io.synthos.orchestrator.jobs.Outcome;
import io.synthos.orchestrator.jobs.RetryPolicy;
import java.time.Duration;

/**
 * Decides what a failed attempt means for its job: a cancellation or a permanent failure ends it;
 * an ML service that is down makes it wait without using an attempt; anything else is retried by
 * the policy until the job is out of attempts, and then it goes dead.
 */
public final class FailureHandler {

  /** Waiting for a service backs off like a retry, but never beyond this many doublings. */
  private static final int MAX_WAIT_STEPS = 6;

  private final RetryPolicy retries;

  public FailureHandler(RetryPolicy retries) {
    this.retries = retries;
  }

  public Outcome.Settlement decide(ClaimedJob job, JobFailure failure) {
    String error = failure.getMessage();
    return switch (failure.kind()) {
      case CANCELLED -> end(job, JobState.CANCELLED, error);
      case PERMANENT -> end(job, JobState.FAILED, error);
      case UNAVAILABLE -> {
        Duration wait =
            retries
                .nextDelay(Math.min(job.attempt(), MAX_WAIT_STEPS), Integer.MAX_VALUE)
                .orElse(Duration.ofSeconds(30));
        yield queued(job, wait, true, "service-unavailable: " + error, error);
      }
      case RETRYABLE ->
          retries
              .nextDelay(job.attempt(), job.maxAttempts())
              .map(delay -> queued(job, delay, false, "retry-backoff", error))
              .orElseGet(() -> end(job, JobState.DEAD, error));
    };
  }

  /** Back to the queue at once, the attempt not counted: the node running it is stopping. */
  public static Outcome.Settlement handBack(ClaimedJob job) {
    return queued(job, Duration.ZERO, true, "node-stopped", null);
  }

  private static Outcome.Settlement queued(
      ClaimedJob job, Duration delay, boolean refund, String reason, String error) {
    return new Outcome.Settlement(
        job.id(),
        job.leaseVersion(),
        job.priority(),
        JobState.QUEUED,
        delay,
        refund,
        reason,
        error);
  }

  private static Outcome.Settlement end(ClaimedJob job, JobState state, String error) {
    return new Outcome.Settlement(
        job.id(), job.leaseVersion(), job.priority(), state, Duration.ZERO, false, null, error);
  }
}
