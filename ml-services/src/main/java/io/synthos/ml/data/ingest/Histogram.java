package io.synthos.ml.data.ingest;

/**
 * Equal-width bins between a column's min and max, bin for bin what {@code np.histogram(values,
 * bins=20, range=(min, max))} returns: the last bin is closed, the others half-open.
 *
 * @param edges the {@code bins + 1} bin edges
 * @param counts values per bin
 */
public record Histogram(double[] edges, long[] counts) {

  static final int BINS = 20;

  static Histogram of(double[] values, double min, double max) {
    double first = min;
    double last = max;
    if (first == last) {
      first -= 0.5;
      last += 0.5;
    }
    // np.linspace: i * step + start, with the last edge set to stop exactly.
    double[] edges = new double[BINS + 1];
    double step = (last - first) / BINS;
    for (int i = 0; i < BINS; i++) {
      edges[i] = i * step + first;
    }
    edges[BINS] = last;
    long[] counts = new long[BINS];
    double width = last - first;
    for (double x : values) {
      // np.histogram's index, then its correction against the rounded edges.
      int index = (int) (((x - first) / width) * BINS);
      if (index == BINS) {
        index--;
      }
      if (x < edges[index]) {
        index--;
      } else if (index != BINS - 1 && x >= edges[index + 1]) {
        index++;
      }
      counts[index]++;
    }
    return new Histogram(edges, counts);
  }
}
