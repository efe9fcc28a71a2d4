package io.synthos.platform.metrics;

import java.util.concurrent.atomic.DoubleAdder;

/**
 * The current value of a gauge, read at each scrape: set by the one owner that knows it, or moved
 * up and down from many event loops without a lock (requests in flight, open streams).
 */
public final class Level {

  private final DoubleAdder value = new DoubleAdder();

  /** Replaces the value; meant for a single writer (a periodic refresh). */
  public void set(double next) {
    value.reset();
    value.add(next);
  }

  public void add(double delta) {
    value.add(delta);
  }

  public double get() {
    return value.sum();
  }
}
