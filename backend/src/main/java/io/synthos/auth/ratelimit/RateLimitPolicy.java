package io.synthos.auth.ratelimit;

import java.time.Duration;

/** What rate limits and lockouts decide when Redis cannot answer. */
public enum RateLimitPolicy {
  /** Let requests through: availability over protection (e.g. per-IP API limits). */
  FAIL_OPEN,
  /** Refuse requests for {@link #CLOSED_RETRY}: protection over availability (e.g. logins). */
  FAIL_CLOSED;

  /** How long a refusal lasts while Redis is unavailable under {@link #FAIL_CLOSED}. */
  public static final Duration CLOSED_RETRY = Duration.ofSeconds(30);
}
