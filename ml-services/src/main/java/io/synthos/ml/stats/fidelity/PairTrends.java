package io.synthos.ml.stats.fidelity;

import java.util.Arrays;

/** How well the synthetic data keeps the relationship between two columns. */
final class PairTrends {

  /** Above this many cells a contingency table is counted by sorting instead of in an array. */
  private static final long DENSE_CELLS = 1 << 22;

  private PairTrends() {}

  /** A Pearson coefficient, or why there is none. */
  record Correlation(double rho, String reason) {}

  /**
   * Pearson's ρ of {@code x} and {@code y} on the rows where both are present; {@code dataset}
   * names the side in the reason given when there are fewer than two rows or a column is constant.
   */
  static Correlation pearson(String a, String b, String dataset, double[] x, double[] y) {
    long count = 0;
    double sumX = 0;
    double sumY = 0;
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int row = 0; row < x.length; row++) {
      double u = x[row];
      double v = y[row];
      if (Double.isNaN(u) || Double.isNaN(v)) {
        continue;
      }
      count++;
      sumX += u;
      sumY += v;
      minX = Math.min(minX, u);
      maxX = Math.max(maxX, u);
      minY = Math.min(minY, v);
      maxY = Math.max(maxY, v);
    }
    if (count < 2) {
      return new Correlation(Double.NaN, "fewer than 2 " + dataset + " rows with both values");
    }
    // Exact constancy, not a zero variance: the mean of equal values need not equal them.
    if (minX == maxX) {
      return new Correlation(Double.NaN, a + " is constant on the " + dataset + " rows used");
    }
    if (minY == maxY) {
      return new Correlation(Double.NaN, b + " is constant on the " + dataset + " rows used");
    }
    double meanX = sumX / count;
    double meanY = sumY / count;
    double xx = 0;
    double yy = 0;
    double xy = 0;
    for (int row = 0; row < x.length; row++) {
      double u = x[row] - meanX;
      double v = y[row] - meanY;
      if (Double.isNaN(u) || Double.isNaN(v)) {
        continue;
      }
      xx += u * u;
      yy += v * v;
      xy += u * v;
    }
    double rho = xy / (Math.sqrt(xx) * Math.sqrt(yy));
    return new Correlation(Math.max(-1, Math.min(1, rho)), null);
  }

  /** Reusable count tables, so a run over many pairs allocates them once. */
  static final class Tables {
    private int[] real = new int[0];
    private int[] synthetic = new int[0];

    /**
     * Total variation distance between the joint label distributions of (a, b) in the real and the
     * synthetic data, every row counted (missing is a label of its own).
     */
    double distance(Labels realA, Labels realB, Labels synA, Labels synB) {
      long n = realA.size();
      long m = synA.size();
      long cells = (long) realA.count * realB.count;
      if (cells > DENSE_CELLS) {
        return sparseDistance(realA, realB, synA, synB);
      }
      if (real.length < cells) {
        real = new int[(int) cells];
        synthetic = new int[(int) cells];
      } else {
        Arrays.fill(real, 0, (int) cells, 0);
        Arrays.fill(synthetic, 0, (int) cells, 0);
      }
      count(realA, realB, real);
      count(synA, synB, synthetic);
      long sum = 0;
      for (int cell = 0; cell < cells; cell++) {
        sum += Math.abs(real[cell] * m - synthetic[cell] * n);
      }
      return sum / (2.0 * n * m);
    }
  }

  /** Adds the (a, b) label of every row into {@code table}, laid out a-major. */
  private static void count(Labels a, Labels b, int[] table) {
    int width = b.count;
    if (a.codes != null && b.codes != null) {
      int[] x = a.codes;
      int[] y = b.codes;
      for (int row = 0; row < x.length; row++) {
        table[(x[row] + 1) * width + y[row] + 1]++;
      }
    } else if (a.codes != null) {
      int[] x = a.codes;
      byte[] y = b.bins;
      for (int row = 0; row < x.length; row++) {
        table[(x[row] + 1) * width + y[row]]++;
      }
    } else if (b.codes != null) {
      byte[] x = a.bins;
      int[] y = b.codes;
      for (int row = 0; row < x.length; row++) {
        table[x[row] * width + y[row] + 1]++;
      }
    } else {
      byte[] x = a.bins;
      byte[] y = b.bins;
      for (int row = 0; row < x.length; row++) {
        table[x[row] * width + y[row]]++;
      }
    }
  }

  /** The same distance for tables too large for an array: sorted cell keys, merged. */
  private static double sparseDistance(Labels realA, Labels realB, Labels synA, Labels synB) {
    long[] real = keys(realA, realB);
    long[] synthetic = keys(synA, synB);
    long n = real.length;
    long m = synthetic.length;
    long sum = 0;
    int i = 0;
    int j = 0;
    while (i < real.length || j < synthetic.length) {
      long key =
          i == real.length
              ? synthetic[j]
              : j == synthetic.length ? real[i] : Math.min(real[i], synthetic[j]);
      long r = 0;
      long s = 0;
      while (i < real.length && real[i] == key) {
        i++;
        r++;
      }
      while (j < synthetic.length && synthetic[j] == key) {
        j++;
        s++;
      }
      sum += Math.abs(r * m - s * n);
    }
    return sum / (2.0 * n * m);
  }

  private static long[] keys(Labels a, Labels b) {
    long[] keys = new long[a.size()];
    for (int row = 0; row < keys.length; row++) {
      keys[row] = (long) label(a, row) * b.count + label(b, row);
    }
    Arrays.sort(keys);
    return keys;
  }

  private static int label(Labels labels, int row) {
    return labels.codes != null ? labels.codes[row] + 1 : labels.bins[row];
  }
}
