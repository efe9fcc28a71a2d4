package io.synthos.ml.collapse;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The same seeded rows of every column of a side, at most {@code max} of them: the nearest-row
 * signals are exact on what they see, and above the bound they see a sample (the report says so).
 */
final class RowSample {

  private RowSample() {}

  static List<MatchedColumn> of(List<MatchedColumn> columns, int max, long seed) {
    int realRows = columns.get(0).real().size();
    int synRows = columns.get(0).synthetic().size();
    if (realRows <= max && synRows <= max) {
      return columns;
    }
    int[] real = rows(realRows, max, new SplittableRandom(seed));
    int[] syn = rows(synRows, max, new SplittableRandom(seed + 1));
    List<MatchedColumn> sampled = new ArrayList<>();
    for (MatchedColumn column : columns) {
      sampled.add(
          new MatchedColumn(
              column.name(),
              column.kind(),
              pick(column.real(), real),
              pick(column.synthetic(), syn),
              null,
              column.categories()));
    }
    return sampled;
  }

  static boolean sampled(List<MatchedColumn> columns, int max) {
    return columns.get(0).real().size() > max || columns.get(0).synthetic().size() > max;
  }

  /** A uniform sample without replacement, in row order (partial Fisher–Yates). */
  private static int[] rows(int size, int max, SplittableRandom random) {
    int[] all = new int[size];
    for (int i = 0; i < size; i++) {
      all[i] = i;
    }
    if (size <= max) {
      return all;
    }
    for (int i = 0; i < max; i++) {
      int j = i + random.nextInt(size - i);
      int swap = all[i];
      all[i] = all[j];
      all[j] = swap;
    }
    int[] chosen = Arrays.copyOf(all, max);
    Arrays.sort(chosen);
    return chosen;
  }

  private static Column pick(Column column, int[] rows) {
    if (rows.length == column.size()) {
      return column;
    }
    if (column.kind().numeric()) {
      double[] values = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        values[i] = column.numbers()[rows[i]];
      }
      return Column.numeric(column.name(), column.kind(), values);
    }
    int[] codes = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      codes[i] = column.codes()[rows[i]];
    }
    return Column.coded(column.name(), column.kind(), codes);
  }
}
