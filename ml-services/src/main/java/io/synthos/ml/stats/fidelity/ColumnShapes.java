package io.synthos.ml.stats.fidelity;

import java.util.Arrays;

/** How far one column's synthetic distribution is from its real one, on its own. */
final class ColumnShapes {

  private static final double LN2 = Math.log(2);

  private ColumnShapes() {}

  /**
   * The Kolmogorov–Smirnov statistic and the Wasserstein-1 distance of two samples, as scipy's
   * {@code ks_2samp(...).statistic} and {@code wasserstein_distance} compute them, in one walk over
   * both sorted samples.
   */
  record Distances(double ks, double wasserstein) {}

  /** The non-missing values of {@code numbers}, sorted. */
  static double[] sortedPresent(double[] numbers) {
    double[] present = new double[numbers.length];
    int count = 0;
    for (double value : numbers) {
      if (!Double.isNaN(value)) {
        present[count++] = value;
      }
    }
    present = count == numbers.length ? present : Arrays.copyOf(present, count);
    Arrays.sort(present);
    return present;
  }

  /** Both samples sorted and non-empty. */
  static Distances distances(double[] real, double[] synthetic) {
    int n = real.length;
    int m = synthetic.length;
    int i = 0;
    int j = 0;
    double ks = 0;
    double sum = 0;
    double compensation = 0;
    while (i < n || j < m) {
      double value = i == n ? synthetic[j] : j == m ? real[i] : Math.min(real[i], synthetic[j]);
      while (i < n && real[i] == value) {
        i++;
      }
      while (j < m && synthetic[j] == value) {
        j++;
      }
      // Each ECDF counts the values <= value; scipy divides the same integers the same way.
      double gap = Math.abs((double) i / n - (double) j / m);
      ks = Math.max(ks, gap);
      if (i < n || j < m) {
        double next = i == n ? synthetic[j] : j == m ? real[i] : Math.min(real[i], synthetic[j]);
        // Neumaier summation: a million small areas would otherwise drift.
        double term = gap * (next - value);
        double total = sum + term;
        compensation +=
            Math.abs(sum) >= Math.abs(term) ? (sum - total) + term : (term - total) + sum;
        sum = total;
      }
    }
    return new Distances(ks, sum + compensation);
  }

  /** Counts of each code (missing codes skipped), in {@code counts}, which must be zeroed. */
  static long countCodes(int[] codes, long[] counts) {
    long present = 0;
    for (int code : codes) {
      if (code >= 0) {
        counts[code]++;
        present++;
      }
    }
    return present;
  }

  /** Total variation distance of two count vectors with totals {@code n} and {@code m} (> 0). */
  static double totalVariation(long[] real, long n, long[] synthetic, long m) {
    // |r/n - s/m| = |r*m - s*n| / (n*m): the sum stays an exact integer and is divided once.
    long sum = 0;
    for (int c = 0; c < real.length; c++) {
      sum += Math.abs(real[c] * m - synthetic[c] * n);
    }
    return sum / (2.0 * n * m);
  }

  /** Jensen–Shannon distance (base 2) of two count vectors, as scipy's {@code jensenshannon}. */
  static double jensenShannon(long[] real, long n, long[] synthetic, long m) {
    double left = 0;
    double right = 0;
    for (int c = 0; c < real.length; c++) {
      double p = (double) real[c] / n;
      double q = (double) synthetic[c] / m;
      double mid = (p + q) / 2.0;
      if (p > 0) {
        left += p * Math.log(p / mid);
      }
      if (q > 0) {
        right += q * Math.log(q / mid);
      }
    }
    // Rounding can leave a hair below zero for equal distributions, where scipy would say NaN.
    return Math.sqrt(Math.max(0, (left + right) / LN2 / 2.0));
  }
}
