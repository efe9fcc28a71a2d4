package io.synthos.ml.stats.collapse;

import io.synthos.ml.stats.BlockWork;
import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.synthos.ml.stats.RowEncoding;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Precision, recall, density and coverage of the synthetic rows against the real ones (Naeem et al.
 * 2020, strict inequalities like the reference {@code prdc} package), exactly, with SDMetrics' DCR
 * row distance: the mean over columns of {@code min(|a - b| / range_real, 1)} for numbers (equality
 * when the real range is 0), 0/1 for categories, 1 for missing against a value and 0 for missing
 * against missing. A row's radius is the distance to its k-th nearest other row of its own set.
 */
public final class Prdc {

  /** The progress section reported. */
  public static final String SECTION = "collapse";

  private Prdc() {}

  /**
   * The four figures of {@code columns}' real (N rows) and synthetic (M rows) sides, computed on
   * {@code threads} threads (the caller's included); throws {@link IllegalArgumentException} unless
   * {@code 1 <= k < min(N, M)}, and {@link Progress.Cancelled} when the caller went away.
   */
  public static JsonObject compute(
      List<MatchedColumn> columns, int k, int threads, Progress progress) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("PRDC needs at least one column");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    int realRows = rows(columns, true);
    int syntheticRows = rows(columns, false);
    if (k < 1 || k >= realRows || k >= syntheticRows) {
      throw new IllegalArgumentException(
          "k must be below the rows of each side: k = "
              + k
              + ", real rows = "
              + realRows
              + ", synthetic rows = "
              + syntheticRows);
    }
    RowEncoding encoding = RowEncoding.of(columns);
    double[][] real = encoding.columns(columns.stream().map(MatchedColumn::real).toList());
    double[][] synthetic =
        encoding.columns(columns.stream().map(MatchedColumn::synthetic).toList());

    // Progress shares follow the number of pairs each scan compares.
    double n = realRows;
    double m = syntheticRows;
    double total = n * n + m * m + n * m;
    double afterReal = n * n / total;
    double afterSynthetic = afterReal + m * m / total;
    PrdcScan.Cross cross;
    try (BlockWork work = new BlockWork(progress, SECTION, threads)) {
      double[] realRadius = PrdcScan.kthNearest(real, k, work, 0, afterReal);
      double[] syntheticRadius = PrdcScan.kthNearest(synthetic, k, work, afterReal, afterSynthetic);
      cross = PrdcScan.cross(synthetic, real, realRadius, syntheticRadius, work, afterSynthetic, 1);
    }

    long inside = 0;
    int precise = 0;
    for (int count : cross.inside()) {
      inside += count;
      if (count > 0) {
        precise++;
      }
    }
    return new JsonObject()
        .put("precision", (double) precise / syntheticRows)
        .put("recall", (double) count(cross.recalled()) / realRows)
        .put("density", (double) inside / ((double) k * syntheticRows))
        .put("coverage", (double) count(cross.covered()) / realRows);
  }

  private static int rows(List<MatchedColumn> columns, boolean real) {
    int rows = -1;
    for (MatchedColumn column : columns) {
      Column side = real ? column.real() : column.synthetic();
      if (rows >= 0 && side.size() != rows) {
        throw new IllegalArgumentException(
            "the "
                + (real ? "real" : "synthetic")
                + " columns differ in length at "
                + column.name());
      }
      rows = side.size();
    }
    return rows;
  }

  private static int count(boolean[] flags) {
    int count = 0;
    for (boolean flag : flags) {
      if (flag) {
        count++;
      }
    }
    return count;
  }
}
