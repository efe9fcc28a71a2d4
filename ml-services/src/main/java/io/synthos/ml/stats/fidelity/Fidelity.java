package io.synthos.ml.stats.fidelity;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * The fidelity section of a validation report, SDMetrics-style: how close each column's synthetic
 * distribution is to the real one (column shapes) and how well the relationship of every pair of
 * columns is kept (column pair trends). Definitions, and the numpy/scipy reference the tests hold
 * it to, are in {@code bench/reference/fidelity_reference.py}.
 */
public final class Fidelity {

  static final String SECTION = "fidelity";

  private Fidelity() {}

  /**
   * Computes {@code {score, column_shapes: {score, columns}, column_pair_trends: {score, pairs}}}
   * for {@code columns} (holdouts ignored). Each column with values on both sides carries its
   * {@code distribution} (see {@link Distributions}) for plotting. CPU-heavy: call it from a
   * worker, not an event loop.
   *
   * @throws Progress.Cancelled when {@code progress} says the caller went away
   * @throws IllegalArgumentException when the columns of one dataset differ in length
   */
  public static JsonObject compute(List<MatchedColumn> columns, Progress progress) {
    checkRowCounts(columns);
    int size = columns.size();
    double steps = size + size * (size - 1) / 2.0;
    int done = 0;

    JsonArray shapes = new JsonArray();
    Mean shapeMean = new Mean();
    double[][] edges = new double[size][];
    int[] categories = new int[size];
    for (int i = 0; i < size; i++) {
      progress.check();
      MatchedColumn column = columns.get(i);
      JsonObject shape =
          column.numeric()
              ? numericShape(column, edges, i)
              : categoricalShape(column, categories, i);
      shapeMean.add(shape.getDouble("score"));
      shapes.add(shape);
      progress.report(SECTION, ++done / steps);
    }

    JsonArray pairs = new JsonArray();
    Mean pairMean = new Mean();
    Labels[] real = new Labels[size];
    Labels[] synthetic = new Labels[size];
    PairTrends.Tables tables = new PairTrends.Tables();
    for (int i = 0; i < size; i++) {
      for (int j = i + 1; j < size; j++) {
        progress.check();
        MatchedColumn a = columns.get(i);
        MatchedColumn b = columns.get(j);
        JsonObject pair;
        if (a.numeric() && b.numeric()) {
          pair = correlation(a, b);
        } else {
          pair = new JsonObject().put("columns", new JsonArray().add(a.name()).add(b.name()));
          pair.put("metric", "ContingencySimilarity");
          if (a.real().size() == 0 || a.synthetic().size() == 0) {
            pair.putNull("score");
            pair.put("reason", a.real().size() == 0 ? "no real rows" : "no synthetic rows");
          } else {
            for (int k : new int[] {i, j}) {
              if (real[k] == null) {
                real[k] = labels(columns.get(k).real(), edges[k], categories[k]);
                synthetic[k] = labels(columns.get(k).synthetic(), edges[k], categories[k]);
              }
            }
            double distance = tables.distance(real[i], real[j], synthetic[i], synthetic[j]);
            pair.put("score", 1 - distance);
          }
        }
        pairMean.add(pair.getDouble("score"));
        pairs.add(pair);
        progress.report(SECTION, ++done / steps);
      }
      // Every pair with column i is done: its row labels can go.
      real[i] = null;
      synthetic[i] = null;
    }

    Double shapeScore = shapeMean.value();
    Double pairScore = pairMean.value();
    Double score =
        pairScore == null
            ? shapeScore
            : shapeScore == null ? pairScore : (shapeScore + pairScore) / 2;
    return new JsonObject()
        .put("score", score)
        .put("column_shapes", new JsonObject().put("score", shapeScore).put("columns", shapes))
        .put("column_pair_trends", new JsonObject().put("score", pairScore).put("pairs", pairs));
  }

  private static void checkRowCounts(List<MatchedColumn> columns) {
    if (columns.isEmpty()) {
      return;
    }
    int real = columns.get(0).real().size();
    int synthetic = columns.get(0).synthetic().size();
    for (MatchedColumn column : columns) {
      if (column.real().size() != real || column.synthetic().size() != synthetic) {
        throw new IllegalArgumentException(
            "column " + column.name() + " has a different row count from " + columns.get(0).name());
      }
    }
  }

  /** KSComplement and Wasserstein; keeps the real data's bin edges for the pair trends. */
  private static JsonObject numericShape(MatchedColumn column, double[][] edges, int index) {
    JsonObject shape = start(column, "KSComplement");
    double[] real = ColumnShapes.sortedPresent(column.real().numbers());
    edges[index] = Labels.edges(real);
    double[] synthetic = ColumnShapes.sortedPresent(column.synthetic().numbers());
    if (real.length == 0 || synthetic.length == 0) {
      absent(shape, real.length == 0);
    } else {
      ColumnShapes.Distances distances = ColumnShapes.distances(real, synthetic);
      shape
          .put("score", 1 - distances.ks())
          .put("ks_statistic", distances.ks())
          .put("wasserstein", distances.wasserstein())
          .put("distribution", Distributions.histogram(real, synthetic));
    }
    return missing(
        shape,
        column.real().size() - real.length,
        column.synthetic().size() - synthetic.length,
        column);
  }

  /** TVComplement and Jensen–Shannon; keeps the number of codes for the pair trends. */
  private static JsonObject categoricalShape(MatchedColumn column, int[] categories, int index) {
    JsonObject shape = start(column, "TVComplement");
    int[] realCodes = column.real().codes();
    int[] syntheticCodes = column.synthetic().codes();
    int levels =
        Math.max(
            column.categories().size(), Math.max(maxCode(realCodes), maxCode(syntheticCodes)) + 1);
    categories[index] = levels;
    long[] realCounts = new long[levels];
    long[] syntheticCounts = new long[levels];
    long n = ColumnShapes.countCodes(realCodes, realCounts);
    long m = ColumnShapes.countCodes(syntheticCodes, syntheticCounts);
    if (n == 0 || m == 0) {
      absent(shape, n == 0);
    } else {
      double tv = ColumnShapes.totalVariation(realCounts, n, syntheticCounts, m);
      shape
          .put("score", 1 - tv)
          .put("tv_distance", tv)
          .put("js_distance", ColumnShapes.jensenShannon(realCounts, n, syntheticCounts, m))
          .put(
              "distribution",
              Distributions.categories(column.categories(), realCounts, n, syntheticCounts, m));
    }
    return missing(shape, realCodes.length - n, syntheticCodes.length - m, column);
  }

  private static JsonObject start(MatchedColumn column, String metric) {
    return new JsonObject()
        .put("column", column.name())
        .put("type", column.kind().name().toLowerCase(Locale.ROOT))
        .put("metric", metric);
  }

  private static void absent(JsonObject shape, boolean realSide) {
    shape
        .putNull("score")
        .put("reason", "no non-missing " + (realSide ? "real" : "synthetic") + " values");
  }

  private static JsonObject missing(
      JsonObject shape, long realMissing, long syntheticMissing, MatchedColumn column) {
    return shape
        .put("missing_real", fraction(realMissing, column.real().size()))
        .put("missing_synthetic", fraction(syntheticMissing, column.synthetic().size()));
  }

  private static double fraction(long part, int whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  private static int maxCode(int[] codes) {
    int max = -1;
    for (int code : codes) {
      max = Math.max(max, code);
    }
    return max;
  }

  private static JsonObject correlation(MatchedColumn a, MatchedColumn b) {
    JsonObject pair =
        new JsonObject()
            .put("columns", new JsonArray().add(a.name()).add(b.name()))
            .put("metric", "CorrelationSimilarity");
    PairTrends.Correlation real =
        PairTrends.pearson(a.name(), b.name(), "real", a.real().numbers(), b.real().numbers());
    PairTrends.Correlation synthetic =
        real.reason() != null
            ? null
            : PairTrends.pearson(
                a.name(), b.name(), "synthetic", a.synthetic().numbers(), b.synthetic().numbers());
    String reason = real.reason() != null ? real.reason() : synthetic.reason();
    if (reason != null) {
      return pair.putNull("score").put("reason", reason);
    }
    return pair.put("score", 1 - Math.abs(real.rho() - synthetic.rho()) / 2)
        .put("real", real.rho())
        .put("synthetic", synthetic.rho());
  }

  private static Labels labels(Column column, double[] edges, int categories) {
    return column.kind().numeric()
        ? Labels.ofNumbers(column.numbers(), edges)
        : Labels.ofCodes(column.codes(), categories);
  }

  /** The mean of the scores that exist. */
  private static final class Mean {
    private double sum;
    private int count;

    void add(Double score) {
      if (score != null) {
        sum += score;
        count++;
      }
    }

    Double value() {
      return count == 0 ? null : sum / count;
    }
  }
}
