package io.synthos.platform.metrics;

/** The current value of a gauge, written by whoever knows it and read at each scrape. */
public final class Level {

  private volatile double value;

  public void set(double value) {
    this.value = value;
  }

  public synchronized void add(double delta) {
    value += delta;
  }

  public double get() {
    return value;
  }
}
