package io.synthos.platform;

import java.time.Duration;

/** Waits that double after each failure, up to a ceiling: 1 s, 2 s, 4 s … 30 s. */
public final class Backoff {

  private final Duration max;
  private Duration next;

  public Backoff(Duration first, Duration max) {
    this.next = first;
    this.max = max;
  }

  /** The wait before the next attempt; each call doubles the one after. */
  public Duration next() {
    Duration current = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return current;
  }
}
