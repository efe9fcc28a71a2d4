package io.synthos.auth.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs Redis failures as one WARN per interval: during an outage every request fails the same way,
 * and a line per request would bury everything else in the log.
 */
final class OutageLog {

  static final Duration INTERVAL = Duration.ofSeconds(30);

  private final Logger log;
  private final Clock clock;
  private final AtomicLong nextWarningAt = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  OutageLog(Logger log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  void failed(String operation, RateLimitPolicy policy, Throwable cause) {
    long now = clock.millis();
    long next = nextWarningAt.get();
    // compareAndSet: of several threads failing at once, exactly one logs.
    if (now < next || !nextWarningAt.compareAndSet(next, now + INTERVAL.toMillis())) {
      suppressed.incrementAndGet();
      return;
    }
    log.warn(
        "{} could not reach Redis, applying {} ({} more failures since the last warning): {}",
        operation,
        policy,
        suppressed.getAndSet(0),
        cause.toString());
  }
}
