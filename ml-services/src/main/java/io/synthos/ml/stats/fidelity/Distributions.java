package io.synthos.ml.stats.fidelity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One column's real and synthetic distributions side by side, for a report page to plot: a
 * histogram on the real data's range for numbers and datetimes, the real data's most frequent
 * categories for categorical and boolean columns. Missing values are left out of both.
 */
final class Distributions {

  /** Equal-width bins over the real range, as {@code numpy.histogram(real, bins=20)}. */
  static final int BINS = 20;

  /** The most categories listed; the rest is summed into {@code other_*}. */
  static final int CATEGORIES = 20;

  private Distributions() {}

  /**
   * {@code {kind: "histogram", edges, real, synthetic, synthetic_below, synthetic_above}} for two
   * sorted, non-empty samples without NaN. Bin {@code b} holds {@code [edges[b], edges[b + 1])},
   * the last one closed on the right, as numpy's. Synthetic values outside the real range are
   * counted in {@code synthetic_below} / {@code synthetic_above}, not in the bins. A constant real
   * column has one bin, {@code [min, min]}: numpy's default would invent a range of ±0.5 that the
   * data never spans, and a plot would show it as real.
   */
  static JsonObject histogram(double[] real, double[] synthetic) {
    double[] edges = edges(real[0], real[real.length - 1]);
    long[] realCounts = count(real, 0, real.length, edges);
    int below = 0;
    while (below < synthetic.length && synthetic[below] < edges[0]) {
      below++;
    }
    int end = synthetic.length;
    while (end > below && synthetic[end - 1] > edges[edges.length - 1]) {
      end--;
    }
    long[] syntheticCounts = count(synthetic, below, end, edges);
    JsonArray edgeList = new JsonArray();
    for (double edge : edges) {
      edgeList.add(edge);
    }
    return new JsonObject()
        .put("kind", "histogram")
        .put("edges", edgeList)
        .put("real", fractions(realCounts, real.length))
        .put("synthetic", fractions(syntheticCounts, synthetic.length))
        .put("synthetic_below", (double) below / synthetic.length)
        .put("synthetic_above", (double) (synthetic.length - end) / synthetic.length);
  }

  /**
   * {@code {kind: "categories", categories, real, synthetic, other_real, other_synthetic}}: the
   * {@link #CATEGORIES} categories seen in either dataset that are most frequent in the real one,
   * ties broken by name, and the shares of each side they leave out. Counts are indexed by code,
   * totals {@code n} and {@code m} are above zero; codes without a label are counted as other.
   */
  static JsonObject categories(
      List<String> labels, long[] realCounts, long n, long[] syntheticCounts, long m) {
    int[] top = new int[CATEGORIES];
    int size = 0;
    int labelled = Math.min(labels.size(), realCounts.length);
    for (int code = 0; code < labelled; code++) {
      if (realCounts[code] == 0 && syntheticCounts[code] == 0) {
        continue;
      }
      // Insertion into a short ranked list: O(categories × 20), no sort of all the categories.
      int at = size;
      while (at > 0 && ranksBefore(code, top[at - 1], realCounts, labels)) {
        at--;
      }
      if (at == CATEGORIES) {
        continue;
      }
      int last = Math.min(size, CATEGORIES - 1);
      System.arraycopy(top, at, top, at + 1, last - at);
      top[at] = code;
      size = Math.min(size + 1, CATEGORIES);
    }
    JsonArray names = new JsonArray();
    JsonArray real = new JsonArray();
    JsonArray synthetic = new JsonArray();
    long realShown = 0;
    long syntheticShown = 0;
    for (int i = 0; i < size; i++) {
      int code = top[i];
      names.add(labels.get(code));
      real.add((double) realCounts[code] / n);
      synthetic.add((double) syntheticCounts[code] / m);
      realShown += realCounts[code];
      syntheticShown += syntheticCounts[code];
    }
    return new JsonObject()
        .put("kind", "categories")
        .put("categories", names)
        .put("real", real)
        .put("synthetic", synthetic)
        .put("other_real", (double) (n - realShown) / n)
        .put("other_synthetic", (double) (m - syntheticShown) / m);
  }

  private static boolean ranksBefore(int code, int other, long[] realCounts, List<String> labels) {
    if (realCounts[code] != realCounts[other]) {
      return realCounts[code] > realCounts[other];
    }
    return labels.get(code).compareTo(labels.get(other)) < 0;
  }

  /** numpy's linspace: edge i = i × step + min, the last edge exactly max. */
  private static double[] edges(double min, double max) {
    if (min == max) {
      return new double[] {min, max};
    }
    double step = (max - min) / BINS;
    double[] edges = new double[BINS + 1];
    for (int i = 0; i < BINS; i++) {
      edges[i] = i * step + min;
    }
    edges[BINS] = max;
    return edges;
  }

  /** Counts {@code sorted[from..to)}, all within the outer edges, into the bins in one walk. */
  private static long[] count(double[] sorted, int from, int to, double[] edges) {
    int bins = edges.length - 1;
    long[] counts = new long[bins];
    int bin = 0;
    for (int i = from; i < to; i++) {
      while (bin < bins - 1 && sorted[i] >= edges[bin + 1]) {
        bin++;
      }
      counts[bin]++;
    }
    return counts;
  }

  private static JsonArray fractions(long[] counts, int total) {
    JsonArray fractions = new JsonArray();
    for (long count : counts) {
      fractions.add((double) count / total);
    }
    return fractions;
  }
}
