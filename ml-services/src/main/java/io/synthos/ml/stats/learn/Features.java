package io.synthos.ml.stats.learn;

import io.synthos.ml.stats.MatchedColumn;
import java.util.List;

/**
 * Turns matched columns into a design matrix, fitted on a training sample: numeric and datetime
 * columns are standardised with the training rows' mean and population standard deviation, both
 * taken over the observed values, and a missing value becomes the mean (0 once standardised); a
 * column whose observed training values are all equal (or absent) is dropped. Categorical and
 * boolean columns are one-hot over the shared categories, a missing code giving all zeros. The
 * intercept is left to the models, which do not penalise it.
 */
final class Features {

  private final List<MatchedColumn> columns;
  private final double[] mean;
  private final double[] std;
  private final int width;

  private Features(List<MatchedColumn> columns, double[] mean, double[] std) {
    this.columns = List.copyOf(columns);
    this.mean = mean;
    this.std = std;
    int width = 0;
    for (int c = 0; c < columns.size(); c++) {
      MatchedColumn column = columns.get(c);
      width += column.numeric() ? (kept(c) ? 1 : 0) : column.categories().size();
    }
    this.width = width;
  }

  static Features fit(List<MatchedColumn> columns, Rows train) {
    double[] mean = new double[columns.size()];
    double[] std = new double[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      MatchedColumn column = columns.get(c);
      if (!column.numeric()) {
        continue;
      }
      int count = 0;
      double sum = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int row = 0; row < train.size(); row++) {
        double value = train.number(column, row);
        if (!Double.isNaN(value)) {
          count++;
          sum += value;
          min = Math.min(min, value);
          max = Math.max(max, value);
        }
      }
      if (count == 0 || min == max) {
        std[c] = Double.NaN;
        continue;
      }
      mean[c] = sum / count;
      double squares = 0;
      for (int row = 0; row < train.size(); row++) {
        double value = train.number(column, row);
        if (!Double.isNaN(value)) {
          squares += (value - mean[c]) * (value - mean[c]);
        }
      }
      std[c] = Math.sqrt(squares / count);
    }
    return new Features(columns, mean, std);
  }

  private boolean kept(int c) {
    return !Double.isNaN(std[c]);
  }

  int width() {
    return width;
  }

  double[][] matrix(Rows rows) {
    double[][] x = new double[rows.size()][width];
    int offset = 0;
    for (int c = 0; c < columns.size(); c++) {
      MatchedColumn column = columns.get(c);
      if (column.numeric()) {
        if (!kept(c)) {
          continue;
        }
        for (int row = 0; row < rows.size(); row++) {
          double value = rows.number(column, row);
          x[row][offset] = Double.isNaN(value) ? 0 : (value - mean[c]) / std[c];
        }
        offset++;
      } else {
        for (int row = 0; row < rows.size(); row++) {
          int code = rows.code(column, row);
          if (code >= 0) {
            x[row][offset + code] = 1;
          }
        }
        offset += column.categories().size();
      }
    }
    return x;
  }
}
