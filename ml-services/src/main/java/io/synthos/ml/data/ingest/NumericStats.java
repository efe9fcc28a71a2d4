package io.synthos.ml.data.ingest;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Streaming statistics of one numeric column: Welford's mean and variance (stable for large offsets
 * such as epoch seconds), min and max, and the values themselves up to a bound so that quantiles
 * and the histogram are exact; past the bound a uniform reservoir sample is kept instead.
 */
final class NumericStats {

  private final int maxValues;
  // Fixed seed: the same file always yields the same profile, estimates included.
  private final SplittableRandom random = new SplittableRandom(42);
  private double[] values = new double[1024];
  private long count;
  private double mean;
  private double m2;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  NumericStats(int maxValues) {
    this.maxValues = maxValues;
  }

  void add(double x) {
    count++;
    double delta = x - mean;
    mean += delta / count;
    m2 += delta * (x - mean);
    min = Math.min(min, x);
    max = Math.max(max, x);
    if (count <= maxValues) {
      if (count > values.length) {
        values = Arrays.copyOf(values, (int) Math.min(maxValues, 2L * values.length));
      }
      values[(int) count - 1] = x;
    } else {
      long slot = random.nextLong(count);
      if (slot < maxValues) {
        values[(int) slot] = x;
      }
    }
  }

  long count() {
    return count;
  }

  boolean exact() {
    return count <= maxValues;
  }

  /** The kept values in arrival order (all of them when {@link #exact()}). */
  double[] keptValues() {
    return Arrays.copyOf(values, (int) Math.min(count, maxValues));
  }

  /** Distinct values among those kept (exact when {@link #exact()}). */
  long distinct(double[] sorted) {
    long distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || Double.compare(sorted[i], sorted[i - 1]) != 0) {
        distinct++;
      }
    }
    return distinct;
  }

  /** The summary, or null when the column has no values. Sorts the kept values in place. */
  NumericSummary summarize(double[] sorted) {
    if (count == 0) {
      return null;
    }
    double std = count > 1 ? Math.sqrt(m2 / (count - 1)) : Double.NaN;
    double[] quantiles = new double[NumericSummary.PERCENTILES.length];
    for (int i = 0; i < quantiles.length; i++) {
      quantiles[i] = percentile(sorted, NumericSummary.PERCENTILES[i]);
    }
    return new NumericSummary(
        min, max, mean, std, quantiles, Histogram.of(sorted, min, max), exact());
  }

  /** numpy's {@code percentile(method="linear")}, including its two-sided interpolation. */
  static double percentile(double[] sorted, double percent) {
    int n = sorted.length;
    double virtual = (n - 1) * (percent / 100.0);
    int below = (int) Math.floor(virtual);
    int above = Math.min(below + 1, n - 1);
    double gamma = virtual - below;
    double a = sorted[below];
    double b = sorted[above];
    double diff = b - a;
    return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
  }
}
