package io.synthos.orchestrator.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.orchestrator.jobs.ExponentialBackoff;
import io.synthos.orchestrator.jobs.JobState;
import io.synthos.orchestrator.jobs.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The failure handler")
class FailureHandlerTest {

  private final FailureHandler handler =
      new FailureHandler(
          new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5), () -> 0.0));

  @Test
  @DisplayName("retries a retryable failure with backoff, then sends the job dead")
  void retryable() {
    Outcome.Settlement first =
        handler.decide(
            ClaimedJobs.attempt(1, 3), new JobFailure(JobFailure.Kind.RETRYABLE, "boom"));
    Outcome.Settlement last =
        handler.decide(
            ClaimedJobs.attempt(3, 3), new JobFailure(JobFailure.Kind.RETRYABLE, "boom"));

    assertThat(first.state()).isEqualTo(JobState.QUEUED);
    assertThat(first.delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(first.refundAttempt()).isFalse();
    assertThat(first.waitingReason()).isEqualTo("retry-backoff");
    assertThat(first.leaseVersion())
        .as("fenced by the attempt's lease")
        .isEqualTo(ClaimedJobs.LEASE_VERSION);
    assertThat(last.state()).isEqualTo(JobState.DEAD);
    assertThat(last.error()).isEqualTo("boom");
  }

  @Test
  @DisplayName(
      "makes a job wait for a service that is down without using an attempt, even on its last")
  void unavailable() {
    Outcome.Settlement wait =
        handler.decide(
            ClaimedJobs.attempt(3, 3), JobFailure.unavailable("data service unreachable"));

    assertThat(wait.state()).isEqualTo(JobState.QUEUED);
    assertThat(wait.refundAttempt()).isTrue();
    assertThat(wait.waitingReason()).isEqualTo("service-unavailable: data service unreachable");
  }

  @Test
  @DisplayName("ends a job at once on a permanent failure or a cancellation")
  void ends() {
    assertThat(handler.decide(ClaimedJobs.attempt(1, 3), JobFailure.permanent("bad input")).state())
        .isEqualTo(JobState.FAILED);
    assertThat(
            handler
                .decide(
                    ClaimedJobs.attempt(1, 3), new JobFailure(JobFailure.Kind.CANCELLED, "asked"))
                .state())
        .isEqualTo(JobState.CANCELLED);
  }

  @Test
  @DisplayName("treats an unknown exception as retryable")
  void unknownIsRetryable() {
    assertThat(JobFailure.of(new IllegalStateException("?")).kind())
        .isEqualTo(JobFailure.Kind.RETRYABLE);
  }
}
