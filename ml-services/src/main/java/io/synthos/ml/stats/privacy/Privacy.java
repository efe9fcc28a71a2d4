package io.synthos.ml.stats.privacy;

import io.synthos.ml.stats.BlockWork;
import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.synthos.ml.stats.RowEncoding;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * SDMetrics-style privacy metrics of a synthetic dataset against the real one (and a holdout when
 * given): distance to closest record against a random baseline, overfitting against the holdout,
 * new-row synthesis, exact copies and the nearest-neighbour distance ratio.
 *
 * <p>Conventions where the definitions leave a gap: a zero baseline median gives a baseline
 * protection of 1; a synthetic row whose two nearest real rows are both at distance 0 has an NNDR
 * of 0; NNDR figures are null with fewer than two real rows. A numeric column whose real values are
 * constant or all missing is compared by equality. All figures are over the sampled rows when a
 * side has more than {@link PrivacyOptions#knnMaxRows()} rows.
 */
public final class Privacy {

  private static final int REAL = 0;
  private static final int SYNTHETIC = 1;
  private static final int HOLDOUT = 2;

  private Privacy() {}

  /**
   * The privacy section of a validation report: {@code score}, {@code dcr}, {@code overfitting}
   * (with a holdout only), {@code new_row_synthesis}, {@code exact_match_rate}, {@code nndr},
   * {@code sampled}, {@code sampled_any}.
   *
   * @throws IllegalArgumentException without columns, without real or synthetic rows, or when only
   *     some columns have a holdout
   * @throws Progress.Cancelled when {@code progress} says the caller went away
   */
  public static JsonObject compute(
      List<MatchedColumn> columns, PrivacyOptions options, Progress progress) {
    int[] syntheticRows = rows(columns, options, SYNTHETIC);
    return compute(
        columns,
        options,
        progress,
        Baseline.generate(columns, syntheticRows.length, options.seed()));
  }

  /** As {@link #compute(List, PrivacyOptions, Progress)}, with given baseline rows (all used). */
  static JsonObject compute(
      List<MatchedColumn> columns,
      PrivacyOptions options,
      Progress progress,
      List<Column> baseline) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(progress, "progress");
    boolean withHoldout = validate(columns);
    int[] realRows = rows(columns, options, REAL);
    int[] syntheticRows = rows(columns, options, SYNTHETIC);
    int[] holdoutRows = withHoldout ? rows(columns, options, HOLDOUT) : null;
    int baselineRows = baseline.isEmpty() ? 0 : baseline.get(0).size();

    RowEncoding encoding = RowEncoding.of(columns);
    double[][] real = encoding.columns(side(columns, REAL), realRows);
    double[][] synthetic = encoding.columns(side(columns, SYNTHETIC), syntheticRows);
    double[][] random = encoding.columns(baseline, identity(baselineRows));

    try (BlockWork work = new BlockWork(progress, "privacy", options.threads())) {
      double holdoutEnd = withHoldout ? 0.85 : 0.7;
      NearestScan.Result toReal = NearestScan.scan(synthetic, real, true, work, 0, 0.45);
      NearestScan.Result baselineToReal = NearestScan.scan(random, real, false, work, 0.45, 0.7);
      NearestScan.Result toHoldout =
          withHoldout
              ? NearestScan.scan(
                  synthetic,
                  encoding.columns(side(columns, HOLDOUT), holdoutRows),
                  false,
                  work,
                  0.7,
                  holdoutEnd)
              : null;
      Matches.Result matches =
          Matches.find(columns, realRows, syntheticRows, work, holdoutEnd, 1.0);

      JsonObject result = new JsonObject();
      double medianSynthetic = Sample.percentile(toReal.nearest(), 50);
      double medianBaseline = Sample.percentile(baselineToReal.nearest(), 50);
      double protection =
          medianBaseline == 0 ? 1.0 : Math.min(medianSynthetic / medianBaseline, 1.0);
      double newRows = 1.0 - share(matches.close());
      double sum = protection + newRows;
      int parts = 2;
      result.put(
          "dcr",
          new JsonObject()
              .put("median_synthetic", medianSynthetic)
              .put("median_baseline", medianBaseline)
              .put("baseline_protection", protection));
      if (withHoldout) {
        double closer = shareCloserToTraining(toReal.nearest(), toHoldout.nearest());
        double overfitting = Math.min(2 * (1 - closer), 1.0);
        sum += overfitting;
        parts++;
        result.put(
            "overfitting",
            new JsonObject().put("share_closer_to_training", closer).put("score", overfitting));
      }
      result.put("new_row_synthesis", newRows);
      result.put("exact_match_rate", share(matches.exact()));
      result.put("nndr", nndr(toReal, realRows.length));
      result.put(
          "sampled",
          new JsonObject()
              .put("real", realRows.length)
              .put("synthetic", syntheticRows.length)
              .put("holdout", withHoldout ? holdoutRows.length : null));
      result.put(
          "sampled_any",
          realRows.length < size(columns, REAL)
              || syntheticRows.length < size(columns, SYNTHETIC)
              || (withHoldout && holdoutRows.length < size(columns, HOLDOUT)));
      return new JsonObject().put("score", sum / parts).mergeIn(result);
    }
  }

  private static JsonObject nndr(NearestScan.Result toReal, int realRows) {
    if (realRows < 2) {
      return new JsonObject().putNull("median").putNull("p10");
    }
    double[] nearest = toReal.nearest();
    double[] ratios = new double[nearest.length];
    for (int row = 0; row < nearest.length; row++) {
      double second = toReal.second()[row];
      ratios[row] = second == 0 ? 0 : nearest[row] / second;
    }
    return new JsonObject()
        .put("median", Sample.percentile(ratios, 50))
        .put("p10", Sample.percentile(ratios, 10));
  }

  private static double shareCloserToTraining(double[] toReal, double[] toHoldout) {
    double sum = 0;
    for (int row = 0; row < toReal.length; row++) {
      sum += toReal[row] < toHoldout[row] ? 1 : toReal[row] == toHoldout[row] ? 0.5 : 0;
    }
    return sum / toReal.length;
  }

  private static double share(boolean[] flags) {
    int count = 0;
    for (boolean flag : flags) {
      if (flag) {
        count++;
      }
    }
    return (double) count / flags.length;
  }

  /** Checks the shapes; returns whether there is a holdout. */
  private static boolean validate(List<MatchedColumn> columns) {
    if (columns == null || columns.isEmpty()) {
      throw new IllegalArgumentException("privacy metrics need at least one column");
    }
    long holdouts = columns.stream().filter(column -> column.holdout() != null).count();
    if (holdouts != 0 && holdouts != columns.size()) {
      throw new IllegalArgumentException(
          "only " + holdouts + " of " + columns.size() + " columns have a holdout");
    }
    boolean withHoldout = holdouts != 0;
    for (int which = REAL; which <= (withHoldout ? HOLDOUT : SYNTHETIC); which++) {
      int rows = size(columns, which);
      for (Column column : side(columns, which)) {
        if (column.size() != rows) {
          throw new IllegalArgumentException(
              "column " + column.name() + " has " + column.size() + " rows, expected " + rows);
        }
      }
      if (rows == 0) {
        throw new IllegalArgumentException("privacy metrics need rows in every dataset");
      }
    }
    return withHoldout;
  }

  private static int[] rows(List<MatchedColumn> columns, PrivacyOptions options, int which) {
    return Sample.rows(size(columns, which), options.knnMaxRows(), options.seed(), which);
  }

  private static int size(List<MatchedColumn> columns, int which) {
    return side(columns, which).get(0).size();
  }

  private static List<Column> side(List<MatchedColumn> columns, int which) {
    return columns.stream()
        .map(
            column ->
                switch (which) {
                  case REAL -> column.real();
                  case SYNTHETIC -> column.synthetic();
                  default -> column.holdout();
                })
        .toList();
  }

  private static int[] identity(int rows) {
    int[] out = new int[rows];
    for (int row = 0; row < rows; row++) {
      out[row] = row;
    }
    return out;
  }
}
