package io.synthos.ml.stats.privacy;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.RowEncoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random rows that know nothing about the real rows beyond each column's range or categories: the
 * yardstick for how close synthetic rows come to real ones.
 */
final class Baseline {

  private Baseline() {}

  /**
   * {@code rows} random rows, one column per matched column: numbers uniform on [min, max] of the
   * real non-missing values, codes uniform over the codes present in the real column. A real column
   * with no value at all yields missing values.
   */
  static List<Column> generate(List<MatchedColumn> columns, int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Column> out = new ArrayList<>(columns.size());
    for (MatchedColumn column : columns) {
      SplittableRandom stream = random.split();
      if (column.numeric()) {
        double[] range = RowEncoding.range(column.real().numbers());
        double[] values = new double[rows];
        for (int row = 0; row < rows; row++) {
          values[row] = range[0] + (range[1] - range[0]) * stream.nextDouble();
        }
        out.add(Column.numeric(column.name(), column.kind(), values));
      } else {
        int[] present = presentCodes(column);
        int[] codes = new int[rows];
        for (int row = 0; row < rows; row++) {
          codes[row] = present.length == 0 ? -1 : present[stream.nextInt(present.length)];
        }
        out.add(Column.coded(column.name(), column.kind(), codes));
      }
    }
    return out;
  }

  private static int[] presentCodes(MatchedColumn column) {
    return Arrays.stream(column.real().codes())
        .filter(code -> code >= 0)
        .distinct()
        .sorted()
        .toArray();
  }
}
