package io.synthos.ml.data.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Numeric statistics of one column (datetimes in epoch seconds, UTC).
 *
 * @param min smallest value
 * @param max largest value
 * @param mean arithmetic mean
 * @param std sample standard deviation (ddof=1); NaN with fewer than two values
 * @param quantiles values at {@link #PERCENTILES}, numpy "linear" interpolation
 * @param histogram 20 equal-width bins over [min, max]
 * @param exact false when quantiles and histogram come from a reservoir sample
 */
public record NumericSummary(
    double min,
    double max,
    double mean,
    double std,
    double[] quantiles,
    Histogram histogram,
    boolean exact) {

  /** The percentiles reported, in order. */
  static final double[] PERCENTILES = {1, 5, 25, 50, 75, 95, 99};

  /** The value at percentile {@code p}, one of 1, 5, 25, 50, 75, 95 or 99. */
  public double quantile(int p) {
    for (int i = 0; i < PERCENTILES.length; i++) {
      if (PERCENTILES[i] == p) {
        return quantiles[i];
      }
    }
    throw new IllegalArgumentException("not a reported percentile: " + p);
  }

  /** The histogram's bin edges (21 of them). */
  public double[] histogramEdges() {
    return histogram.edges().clone();
  }

  /** The histogram's counts (20 of them). */
  public long[] histogramCounts() {
    return histogram.counts().clone();
  }

  JsonObject toJson() {
    JsonObject q = new JsonObject();
    for (int i = 0; i < PERCENTILES.length; i++) {
      q.put("p" + (int) PERCENTILES[i], quantiles[i]);
    }
    JsonArray edges = new JsonArray();
    for (double e : histogram.edges()) {
      edges.add(e);
    }
    JsonArray counts = new JsonArray();
    for (long c : histogram.counts()) {
      counts.add(c);
    }
    return new JsonObject()
        .put("min", min)
        .put("max", max)
        .put("mean", mean)
        .put("std", Double.isNaN(std) ? null : std)
        .put("quantiles", q)
        .put("quantiles_exact", exact)
        .put("histogram", new JsonObject().put("edges", edges).put("counts", counts));
  }
}
