package io.synthos.ml.stats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns rows of any dataset into doubles such that the per-column distance is always {@code min(|a
 * - b|, 1)}: numeric values become {@code (x - min_real) / range_real}, category codes stay
 * integers (two different codes are at least 1 apart, the missing code -1 included), and a missing
 * number becomes {@link #MISSING}, which is farther than 1 from every other value. A numeric column
 * whose real values have no range (constant or all missing) is compared by equality, like a
 * categorical one, through a dictionary of its exact values.
 */
public final class RowEncoding {

  /** Stands for a missing number; at least 1 away from every encoded value. */
  public static final double MISSING = Double.MAX_VALUE;

  /** Encoded numbers are clamped to this, so that they stay far from {@link #MISSING}. */
  private static final double LIMIT = 1e300;

  private final double[] offset;
  private final double[] scale;
  private final Map<Double, Double>[] dictionary;

  private RowEncoding(double[] offset, double[] scale, Map<Double, Double>[] dictionary) {
    this.offset = offset;
    this.scale = scale;
    this.dictionary = dictionary;
  }

  /** The encoding whose numeric ranges are those of the real columns. */
  @SuppressWarnings("unchecked")
  public static RowEncoding of(List<MatchedColumn> columns) {
    int width = columns.size();
    double[] offset = new double[width];
    double[] scale = new double[width];
    Map<Double, Double>[] dictionary = new Map[width];
    for (int j = 0; j < width; j++) {
      MatchedColumn column = columns.get(j);
      if (!column.numeric()) {
        continue;
      }
      double[] range = range(column.real().numbers());
      if (range[1] > range[0]) {
        offset[j] = range[0];
        scale[j] = range[1] - range[0];
      } else {
        dictionary[j] = new HashMap<>();
      }
    }
    return new RowEncoding(offset, scale, dictionary);
  }

  /** {min, max} of the non-missing values, or {NaN, NaN} when all are missing. */
  public static double[] range(double[] values) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double value : values) {
      if (!Double.isNaN(value)) {
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
    }
    return min > max ? new double[] {Double.NaN, Double.NaN} : new double[] {min, max};
  }

  public int width() {
    return scale.length;
  }

  /** Every row of {@code side} (one column per matched column), column by column. */
  public double[][] columns(List<Column> side) {
    int[] all = new int[side.get(0).size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return columns(side, all);
  }

  /** The selected rows of {@code side} (one column per matched column), column by column. */
  public double[][] columns(List<Column> side, int[] selected) {
    double[][] out = new double[width()][selected.length];
    for (int j = 0; j < out.length; j++) {
      Column column = side.get(j);
      for (int i = 0; i < selected.length; i++) {
        out[j][i] = encode(j, column, selected[i]);
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
