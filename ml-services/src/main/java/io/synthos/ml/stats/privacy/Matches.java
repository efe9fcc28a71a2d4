package io.synthos.ml.stats.privacy;

import io.synthos.ml.stats.BlockWork;
import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which synthetic rows copy a real row exactly, and which have a real row matching within 1% on
 * every numeric column (SDMetrics' NewRowSynthesis). Both compare the original values, not the
 * encoded ones.
 */
final class Matches {

  /** Per synthetic row: an exact copy of a real row exists; a real row within tolerance exists. */
  record Result(boolean[] exact, boolean[] close) {}

  private final Side real;
  private final Set<Key> realRows = new HashSet<>();
  private final Map<Key, Group> groups = new HashMap<>();

  private Matches(Side real) {
    this.real = real;
    for (int row = 0; row < real.rows; row++) {
      realRows.add(real.fullKey(row));
      groups.computeIfAbsent(real.codeKey(row), key -> new Group()).add(row);
    }
    for (Group group : groups.values()) {
      group.sort(real);
    }
  }

  static Result find(
      List<MatchedColumn> columns,
      int[] realRows,
      int[] syntheticRows,
      BlockWork work,
      double from,
      double to) {
    Side real = new Side(columns.stream().map(MatchedColumn::real).toList(), realRows);
    Side synthetic =
        new Side(columns.stream().map(MatchedColumn::synthetic).toList(), syntheticRows);
    Matches matches = new Matches(real);
    boolean[] exact = new boolean[synthetic.rows];
    boolean[] close = new boolean[synthetic.rows];
    work.run(
        NearestScan.blocks(synthetic.rows),
        from,
        to,
        block -> {
          int end = Math.min(synthetic.rows, (block + 1) * NearestScan.QUERY_BLOCK);
          for (int row = block * NearestScan.QUERY_BLOCK; row < end; row++) {
            exact[row] = matches.realRows.contains(synthetic.fullKey(row));
            close[row] = exact[row] || matches.close(synthetic, row);
          }
        });
    return new Result(exact, close);
  }

  /** Whether a real row has the same codes and every number within 1% of the real one. */
  private boolean close(Side synthetic, int row) {
    Group group = groups.get(synthetic.codeKey(row));
    if (group == null) {
      return false;
    }
    if (real.numbers.length == 0) {
      return true;
    }
    double value = synthetic.numbers[0][row];
    if (Double.isNaN(value)) {
      for (int candidate : group.missing) {
        if (numbersClose(synthetic, row, candidate)) {
          return true;
        }
      }
      return false;
    }
    // |s - r| <= 0.01 |r| puts r between s / 1.01 and s / 0.99; widened for rounding.
    double a = value / 1.01;
    double b = value / 0.99;
    double low = Math.min(a, b) - Math.abs(value) * 1e-9;
    double high = Math.max(a, b) + Math.abs(value) * 1e-9;
    double[] sorted = group.sortedValues;
    for (int i = lowerBound(sorted, low); i < sorted.length && sorted[i] <= high; i++) {
      if (numbersClose(synthetic, row, group.present[i])) {
        return true;
      }
    }
    return false;
  }

  private boolean numbersClose(Side synthetic, int row, int candidate) {
    for (int j = 0; j < real.numbers.length; j++) {
      double s = synthetic.numbers[j][row];
      double r = real.numbers[j][candidate];
      boolean match =
          Double.isNaN(s) || Double.isNaN(r)
              ? Double.isNaN(s) && Double.isNaN(r)
              : Math.abs(s - r) <= 0.01 * Math.abs(r);
      if (!match) {
        return false;
      }
    }
    return true;
  }

  private static int lowerBound(double[] sorted, double value) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] < value) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** Real rows sharing one combination of category codes, sorted by their first number. */
  private static final class Group {
    private final List<Integer> rows = new ArrayList<>();
    private int[] present = new int[0];
    private double[] sortedValues = new double[0];
    private int[] missing = new int[0];

    void add(int row) {
      rows.add(row);
    }

    void sort(Side side) {
      if (side.numbers.length == 0) {
        return;
      }
      double[] first = side.numbers[0];
      missing = rows.stream().filter(row -> Double.isNaN(first[row])).mapToInt(i -> i).toArray();
      present =
          rows.stream()
              .filter(row -> !Double.isNaN(first[row]))
              .sorted((x, y) -> Double.compare(first[x], first[y]))
              .mapToInt(i -> i)
              .toArray();
      sortedValues = Arrays.stream(present).mapToDouble(row -> first[row]).toArray();
    }
  }

  /** The selected rows of one dataset, numbers and codes split apart. */
  private static final class Side {
    final int rows;
    final double[][] numbers;
    final int[][] codes;

    Side(List<Column> columns, int[] selected) {
      rows = selected.length;
      List<double[]> numeric = new ArrayList<>();
      List<int[]> coded = new ArrayList<>();
      for (Column column : columns) {
        if (column.kind().numeric()) {
          double[] values = new double[rows];
          for (int i = 0; i < rows; i++) {
            // +0.0 folds -0.0 into 0.0 and every NaN into the canonical one for the keys.
            double value = column.numbers()[selected[i]];
            values[i] = Double.isNaN(value) ? Double.NaN : value + 0.0;
          }
          numeric.add(values);
        } else {
          int[] values = new int[rows];
          for (int i = 0; i < rows; i++) {
            values[i] = Math.max(-1, column.codes()[selected[i]]);
          }
          coded.add(values);
        }
      }
      numbers = numeric.toArray(double[][]::new);
      codes = coded.toArray(int[][]::new);
    }

    Key codeKey(int row) {
      long[] key = new long[codes.length];
      for (int j = 0; j < codes.length; j++) {
        key[j] = codes[j][row];
      }
      return new Key(key);
    }

    Key fullKey(int row) {
      long[] key = new long[codes.length + numbers.length];
      for (int j = 0; j < codes.length; j++) {
        key[j] = codes[j][row];
      }
      for (int j = 0; j < numbers.length; j++) {
        key[codes.length + j] = Double.doubleToLongBits(numbers[j][row]);
      }
      return new Key(key);
    }
  }

  /** A row's values as bits, compared by content. */
  private record Key(long[] values) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Arrays.equals(values, key.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }
  }
}
