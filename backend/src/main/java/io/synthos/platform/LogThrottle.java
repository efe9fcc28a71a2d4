package io.synthos.platform;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Lets one log line through per key and interval and counts the others, so that a dependency that
 * is down for a while logs a line a second saying how many requests it failed, not one line (and a
 * stack trace) per request. Safe from any thread.
 */
public final class LogThrottle {

  /** One key's state: when its last line went out, and how many were held back since. */
  private record Window(long sinceNanos, long held) {}

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  public LogThrottle(Duration interval) {
    this(interval, System::nanoTime);
  }

  LogThrottle(Duration interval, LongSupplier nanoTime) {
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Whether a line for {@code key} may be logged now: answers how many lines for it were held back
   * since the last one (0 or more), or -1 when this one is to be held back too.
   */
  public long admit(String key) {
    long now = nanoTime.getAsLong();
    long[] report = {-1};
    windows.compute(
        key,
        (k, last) -> {
          if (last == null || now - last.sinceNanos() >= intervalNanos) {
            report[0] = last == null ? 0 : last.held();
            return new Window(now, 0);
          }
          return new Window(last.sinceNanos(), last.held() + 1);
        });
    return report[0];
  }
}
