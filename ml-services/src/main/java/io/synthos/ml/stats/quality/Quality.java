package io.synthos.ml.stats.quality;

import io.synthos.ml.common.RawColumn;
import io.synthos.ml.stats.DistinctRows;
import io.synthos.ml.stats.Progress;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The quality section: what the synthetic dataset says about itself, with no reference to compare
 * it with — missing values, duplicate rows and constant columns, the findings worth a look, and a
 * score.
 */
public final class Quality {

  /** Duplicate rows are reported above this share of the rows. */
  static final double HIGH_DUPLICATES = 0.01;

  private Quality() {}

  /**
   * The quality of {@code dataset}, every column of it, text columns included. Rows are compared on
   * all columns, exact values, a missing value equal to another missing one.
   *
   * @return {@code {score, rows, columns, missing_rate, duplicate_rows, duplicate_rate,
   *     constant_columns: [name], per_column: [{column, type, missing, distinct, constant}],
   *     issues: [{code, column?, message}]}}
   * @throws IllegalArgumentException when the dataset has no column or no row
   */
  public static JsonObject compute(List<RawColumn> dataset, Progress progress) {
    if (dataset.isEmpty()) {
      throw new IllegalArgumentException("the synthetic dataset has no columns");
    }
    int rows = dataset.get(0).size();
    if (rows == 0) {
      throw new IllegalArgumentException("the synthetic dataset has no rows");
    }
    List<ColumnQuality> columns = new ArrayList<>();
    for (RawColumn column : dataset) {
      progress.check();
      if (column.size() != rows) {
        throw new IllegalArgumentException(
            "column " + column.name() + " has " + column.size() + " rows, not " + rows);
      }
      columns.add(ColumnQuality.of(column));
      progress.report("quality", (double) columns.size() / (dataset.size() + 1));
    }
    progress.check();
    int duplicates =
        rows - DistinctRows.count(rows, columns.stream().map(ColumnQuality::cells).toList());
    double duplicateRate = (double) duplicates / rows;
    long missingCells = columns.stream().mapToLong(ColumnQuality::missing).sum();
    double missingRate = (double) missingCells / ((long) rows * columns.size());
    List<String> constant =
        columns.stream().filter(ColumnQuality::constant).map(c -> c.column().name()).toList();
    JsonArray issues = new JsonArray();
    if (duplicateRate > HIGH_DUPLICATES) {
      String share = ColumnQuality.percent(duplicateRate);
      issues.add(
          new JsonObject()
              .put("code", "duplicate-rows")
              .put("message", duplicates + " rows (" + share + ") repeat an earlier row"));
    }
    columns.forEach(column -> column.issues().forEach(issues::add));
    progress.report("quality", 1);
    return new JsonObject()
        .put("score", score(missingRate, duplicateRate, (double) constant.size() / columns.size()))
        .put("rows", rows)
        .put("columns", columns.size())
        .put("missing_rate", missingRate)
        .put("duplicate_rows", duplicates)
        .put("duplicate_rate", duplicateRate)
        .put("constant_columns", new JsonArray(constant))
        .put("per_column", new JsonArray(columns.stream().map(ColumnQuality::toJson).toList()))
        .put("issues", issues);
  }

  /**
   * The share of the data that is present, unique and informative: (1 − missing rate) × (1 −
   * duplicate rate) × (1 − constant-column share). Each factor is the share kept on one axis, so
   * the score is 1 for a complete table of distinct rows with no constant column, and each flaw
   * lowers it in proportion to its size. A product rather than a mean, so that a table of copies of
   * one row cannot score well on the strength of having no missing values. An empty column counts
   * twice (missing and constant), which is deliberate: it carries nothing at all.
   */
  static double score(double missingRate, double duplicateRate, double constantShare) {
    return (1 - missingRate) * (1 - duplicateRate) * (1 - constantShare);
  }
}
