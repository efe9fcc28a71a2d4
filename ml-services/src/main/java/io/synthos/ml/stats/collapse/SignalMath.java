package io.synthos.ml.stats.collapse;

import java.util.Arrays;

/** The numpy statistics the signals are defined by, on non-missing values. */
final class SignalMath {

  private SignalMath() {}

  /** The values that are not NaN, sorted ascending. */
  static double[] presentSorted(double[] values) {
    double[] kept = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    Arrays.sort(kept);
    return kept;
  }

  /** numpy's default (linear) percentile of sorted, non-empty values; {@code q} in [0, 100]. */
  static double percentile(double[] sorted, double q) {
    double h = (sorted.length - 1) * (q / 100);
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double t = h - lo;
    double a = sorted[lo];
    double b = sorted[hi];
    // numpy's _lerp: interpolates from the nearer end so t = 1 lands exactly on b.
    return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
  }

  /** Sample variance (ddof 1), two-pass like numpy; NaN with fewer than two values. */
  static double variance(double[] values) {
    if (values.length < 2) {
      return Double.NaN;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / values.length;
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return squares / (values.length - 1);
  }

  /** numpy's median of sorted, non-empty values. */
  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Counts per code over non-missing codes (negative codes are missing). */
  static long[] counts(int[] codes, int categories) {
    int size = categories;
    for (int code : codes) {
      size = Math.max(size, code + 1);
    }
    long[] counts = new long[size];
    for (int code : codes) {
      if (code >= 0) {
        counts[code]++;
      }
    }
    return counts;
  }

  /** Shannon entropy in nats of the frequencies {@code counts / total}. */
  static double entropy(long[] counts, long total) {
    double h = 0;
    for (long count : counts) {
      if (count > 0) {
        double p = (double) count / total;
        h -= p * Math.log(p);
      }
    }
    return h;
  }
}
