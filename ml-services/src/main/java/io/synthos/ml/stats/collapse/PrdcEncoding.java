package io.synthos.ml.stats.collapse;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns rows into doubles such that the per-column distance is always {@code min(|a - b|, 1)}, the
 * same encoding as the privacy package's (which is package-private there): numbers become {@code (x
 * - min_real) / range_real}, category codes stay integers (missing is -1), a missing number becomes
 * {@link #MISSING}, and a numeric column without a real range is compared by equality through a
 * dictionary of its exact values.
 */
final class PrdcEncoding {

  /** Stands for a missing number; at least 1 away from every encoded value. */
  static final double MISSING = Double.MAX_VALUE;

  /** Encoded numbers are clamped to this, so that they stay far from {@link #MISSING}. */
  private static final double LIMIT = 1e300;

  private final double[] offset;
  private final double[] scale;
  private final Map<Double, Double>[] dictionary;

  private PrdcEncoding(double[] offset, double[] scale, Map<Double, Double>[] dictionary) {
    this.offset = offset;
    this.scale = scale;
    this.dictionary = dictionary;
  }

  /** The encoding whose numeric ranges are those of the real columns. */
  @SuppressWarnings("unchecked")
  static PrdcEncoding of(List<MatchedColumn> columns) {
    int width = columns.size();
    double[] offset = new double[width];
    double[] scale = new double[width];
    Map<Double, Double>[] dictionary = new Map[width];
    for (int j = 0; j < width; j++) {
      MatchedColumn column = columns.get(j);
      if (!column.numeric()) {
        continue;
      }
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double value : column.real().numbers()) {
        if (!Double.isNaN(value)) {
          min = Math.min(min, value);
          max = Math.max(max, value);
        }
      }
      if (max > min) {
        offset[j] = min;
        scale[j] = max - min;
      } else {
        dictionary[j] = new HashMap<>();
      }
    }
    return new PrdcEncoding(offset, scale, dictionary);
  }

  /** Every row of one side, column by column: {@code out[column][row]}. */
  double[][] encode(List<MatchedColumn> columns, Function<MatchedColumn, Column> side) {
    double[][] out = new double[columns.size()][];
    for (int j = 0; j < out.length; j++) {
      Column column = side.apply(columns.get(j));
      out[j] = new double[column.size()];
      for (int i = 0; i < out[j].length; i++) {
        out[j][i] = encode(j, column, i);
      }
    }
    return out;
  }

  private double encode(int j, Column column, int row) {
    if (!column.kind().numeric()) {
      return column.codes()[row] < 0 ? -1 : column.codes()[row];
    }
    double value = column.numbers()[row];
    if (Double.isNaN(value)) {
      return MISSING;
    }
    if (dictionary[j] != null) {
      // +0.0 folds -0.0 into 0.0, which compare equal as numbers.
      return dictionary[j].computeIfAbsent(value + 0.0, key -> (double) dictionary[j].size());
    }
    double encoded = (value - offset[j]) / scale[j];
    return Math.max(-LIMIT, Math.min(LIMIT, encoded));
  }
}
