package io.synthos.ml.stats.learn;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import java.util.Arrays;

/**
 * Rows picked from the datasets of matched columns: row {@code i} is row {@code index[i]} of the
 * dataset {@code sides[i]}, so one sample can mix real and synthetic rows.
 */
record Rows(Side[] sides, int[] index) {

  /** Which dataset of a {@link MatchedColumn} a row comes from. */
  enum Side {
    REAL,
    SYNTHETIC,
    HOLDOUT;

    Column of(MatchedColumn column) {
      return switch (this) {
        case REAL -> column.real();
        case SYNTHETIC -> column.synthetic();
        case HOLDOUT -> column.holdout();
      };
    }
  }

  static Rows of(Side side, int[] index) {
    Side[] sides = new Side[index.length];
    Arrays.fill(sides, side);
    return new Rows(sides, index.clone());
  }

  static Rows concat(Rows first, Rows second) {
    Side[] sides = Arrays.copyOf(first.sides, first.size() + second.size());
    int[] index = Arrays.copyOf(first.index, first.size() + second.size());
    System.arraycopy(second.sides, 0, sides, first.size(), second.size());
    System.arraycopy(second.index, 0, index, first.size(), second.size());
    return new Rows(sides, index);
  }

  /** The rows at {@code positions} of this sample, in that order. */
  Rows pick(int[] positions) {
    Side[] sides = new Side[positions.length];
    int[] index = new int[positions.length];
    for (int i = 0; i < positions.length; i++) {
      sides[i] = this.sides[positions[i]];
      index[i] = this.index[positions[i]];
    }
    return new Rows(sides, index);
  }

  int size() {
    return index.length;
  }

  Column column(MatchedColumn column, int row) {
    return sides[row].of(column);
  }

  double number(MatchedColumn column, int row) {
    return column(column, row).numbers()[index[row]];
  }

  int code(MatchedColumn column, int row) {
    return column(column, row).codes()[index[row]];
  }

  boolean missing(MatchedColumn column, int row) {
    return column(column, row).missing(index[row]);
  }
}
