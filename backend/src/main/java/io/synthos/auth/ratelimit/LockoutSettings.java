package io.synthos.auth.ratelimit;

import java.time.Duration;

/**
 * When {@link LoginLockout} locks an account: from the {@code threshold}-th consecutive failure on,
 * for {@code baseLock × 2^(failures − threshold)}, at most {@code maxLock}; failures are forgotten
 * {@code failureMemory} after the last one.
 */
public record LockoutSettings(
    int threshold, Duration baseLock, Duration maxLock, Duration failureMemory) {

  /** Five failures, then 30 s doubling up to 15 min; failures forgotten after 15 quiet minutes. */
  public static final LockoutSettings DEFAULTS =
      new LockoutSettings(
          5, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofMinutes(15));

  public LockoutSettings {
    if (threshold < 1
        || baseLock.toMillis() < 1
        || maxLock.compareTo(baseLock) < 0
        || failureMemory.toMillis() < 1) {
      throw new IllegalArgumentException("invalid lockout settings: " + this);
    }
  }
}
