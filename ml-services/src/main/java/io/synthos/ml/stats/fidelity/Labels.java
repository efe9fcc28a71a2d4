package io.synthos.ml.stats.fidelity;

/**
 * One column of one dataset as the contingency tables read it: a small label per row, 0 for
 * missing. Categorical and boolean columns keep their codes (label = code + 1, so nothing is
 * copied); numeric and datetime columns are cut into {@link #BINS} bins (labels 1 to 10).
 */
final class Labels {

  /** How many bins a numeric column is cut into, as {@code numpy.histogram_bin_edges(bins=10)}. */
  static final int BINS = 10;

  /** Codes (-1 missing) when categorical, else null. */
  final int[] codes;

  /** Bin labels (0 missing) when numeric, else null. */
  final byte[] bins;

  /** How many distinct labels there can be, missing included. */
  final int count;

  private Labels(int[] codes, byte[] bins, int count) {
    this.codes = codes;
    this.bins = bins;
    this.count = count;
  }

  static Labels ofCodes(int[] codes, int categories) {
    return new Labels(codes, null, categories + 1);
  }

  /** Cuts {@code numbers} at {@code edges} (11 of them, the outer two taken as ±∞). */
  static Labels ofNumbers(double[] numbers, double[] edges) {
    byte[] bins = new byte[numbers.length];
    double first = edges[0];
    double step = edges[1] - edges[0];
    for (int row = 0; row < numbers.length; row++) {
      double value = numbers[row];
      if (Double.isNaN(value)) {
        continue;
      }
      // Guess the bin arithmetically, then settle it against the exact edges: bin b holds
      // (edges[b], edges[b + 1]], closed on the right like pandas.cut.
      double guess = Math.ceil((value - first) / step) - 1;
      int bin = guess < 0 ? 0 : guess > BINS - 1 ? BINS - 1 : (int) guess;
      while (bin > 0 && value <= edges[bin]) {
        bin--;
      }
      while (bin < BINS - 1 && value > edges[bin + 1]) {
        bin++;
      }
      bins[row] = (byte) (bin + 1);
    }
    return new Labels(null, bins, BINS + 1);
  }

  /**
   * The bin edges {@code numpy.histogram_bin_edges(sorted, bins=10)} returns, computed the same way
   * as numpy's linspace: edge i = i * step + first, the last edge exactly the maximum.
   */
  static double[] edges(double[] sorted) {
    double first = sorted.length == 0 ? 0 : sorted[0];
    double last = sorted.length == 0 ? 1 : sorted[sorted.length - 1];
    if (first == last) {
      first -= 0.5;
      last += 0.5;
    }
    double step = (last - first) / BINS;
    double[] edges = new double[BINS + 1];
    for (int i = 0; i < BINS; i++) {
      edges[i] = i * step + first;
    }
    edges[BINS] = last;
    return edges;
  }

  int size() {
    return codes != null ? codes.length : bins.length;
  }
}
