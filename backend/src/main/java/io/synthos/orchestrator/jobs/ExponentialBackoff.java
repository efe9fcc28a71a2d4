package io.synthos.orchestrator.jobs;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Retries after {@code base × 2^(attempt-1)}, capped, with "full jitter": a random share of that
 * delay, so jobs that failed together do not come back together.
 */
public final class ExponentialBackoff implements RetryPolicy {

  private final Duration base;
  private final Duration max;
  private final DoubleSupplier random;

  /**
   * @param random uniform in [0, 1): {@code Math::random} in production, fixed in tests
   */
  public ExponentialBackoff(Duration base, Duration max, DoubleSupplier random) {
    this.base = base;
    this.max = max;
    this.random = random;
  }

  @Override
  public Optional<Duration> nextDelay(int attempt, int maxAttempts) {
    if (attempt >= maxAttempts) {
      return Optional.empty();
    }
    long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(attempt - 1, 30));
    // Half fixed, half random: never zero, never all at once.
    long delay = ceiling / 2 + (long) (random.getAsDouble() * (ceiling / 2.0));
    return Optional.of(Duration.ofMillis(Math.max(1, delay)));
  }
}
