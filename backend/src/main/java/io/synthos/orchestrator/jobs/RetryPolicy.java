package io.synthos.orchestrator.jobs;

import java.time.Duration;
import java.util.Optional;

/** Whether and when a failed attempt runs again; empty means the job is out of attempts. */
@FunctionalInterface
public interface RetryPolicy {

  /**
   * @param attempt the attempt that just failed, from 1
   * @param maxAttempts the job's limit
   */
  Optional<Duration> nextDelay(int attempt, int maxAttempts);
}
