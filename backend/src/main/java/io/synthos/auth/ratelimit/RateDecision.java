package io.synthos.auth.ratelimit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one rate-limited request: whether it may proceed, what is left in the window, and
 * the headers that tell the client. {@code degraded} marks a decision made by policy because Redis
 * could not be asked.
 */
public record RateDecision(
    boolean allowed,
    int limit,
    int remaining,
    Duration resetAfter,
    Duration retryAfter,
    boolean degraded) {

  public RateDecision {
    if (remaining < 0 || remaining > limit) {
      throw new IllegalArgumentException("remaining " + remaining + " outside 0.." + limit);
    }
    if (allowed != retryAfter.isZero()) {
      throw new IllegalArgumentException("retryAfter must be zero exactly when allowed");
    }
  }

  /** A decision from the window's counter after this request was counted. */
  static RateDecision counted(int limit, long count, Duration resetAfter) {
    boolean allowed = count <= limit;
    int remaining = (int) Math.max(0, limit - count);
    return new RateDecision(
        allowed, limit, remaining, resetAfter, allowed ? Duration.ZERO : resetAfter, false);
  }

  /** The decision {@code policy} makes when Redis cannot be asked. */
  static RateDecision withoutRedis(RateLimitPolicy policy, int limit, Duration window) {
    return switch (policy) {
      case FAIL_OPEN -> new RateDecision(true, limit, limit, window, Duration.ZERO, true);
      case FAIL_CLOSED -> {
        Duration retry = RateLimitPolicy.CLOSED_RETRY;
        yield new RateDecision(false, limit, 0, retry, retry, true);
      }
    };
  }

  /**
   * {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset} and, when
   * refused, {@code Retry-After}, in that order; times in whole seconds rounded up.
   */
  public Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("RateLimit-Limit", Integer.toString(limit));
    headers.put("RateLimit-Remaining", Integer.toString(remaining));
    // A refused client told "0" would retry at once, into the same closed window.
    long reset = secondsRoundedUp(resetAfter);
    headers.put("RateLimit-Reset", Long.toString(allowed ? reset : Math.max(1, reset)));
    if (!allowed) {
      headers.put("Retry-After", Long.toString(Math.max(1, secondsRoundedUp(retryAfter))));
    }
    return Collections.unmodifiableMap(headers);
  }

  private static long secondsRoundedUp(Duration duration) {
    return (duration.toMillis() + 999) / 1000;
  }
}
