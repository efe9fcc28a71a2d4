package io.synthos.ml.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Counts the distinct rows of a table exactly: rows compared on every column, values as they are, a
 * missing value equal to another missing one and -0.0 equal to 0.0.
 *
 * <p>Rows are hashed and sorted, and only rows whose hashes agree are compared cell by cell. That
 * keeps memory at one {@code long} a row, where a set of boxed rows costs hundreds of bytes a row,
 * and it stays exact: colliding hashes only cost a comparison.
 */
public final class DistinctRows {

  private static final long MISSING = 0x6D697373696E67L;

  private DistinctRows() {}

  /** One column as the count reads it: a hash of a cell, and whether two cells are equal. */
  public interface Cells {

    /** Equal cells must hash alike. */
    long hash(int row);

    boolean same(int row, int other);
  }

  /** Numbers, NaN where missing. */
  public static Cells of(double[] numbers) {
    return new Cells() {
      @Override
      public long hash(int row) {
        double value = numbers[row];
        // + 0.0 folds -0.0 into 0.0, which compare equal as numbers.
        return Double.isNaN(value) ? MISSING : Double.doubleToLongBits(value + 0.0);
      }

      @Override
      public boolean same(int row, int other) {
        double a = numbers[row];
        double b = numbers[other];
        return a == b || (Double.isNaN(a) && Double.isNaN(b));
      }
    };
  }

  /** Strings, null where missing. */
  public static Cells of(String[] strings) {
    return new Cells() {
      @Override
      public long hash(int row) {
        return strings[row] == null ? MISSING : strings[row].hashCode();
      }

      @Override
      public boolean same(int row, int other) {
        return Objects.equals(strings[row], strings[other]);
      }
    };
  }

  /** A statistics column: its numbers, or its codes (any negative code is missing). */
  public static Cells of(Column column) {
    if (column.kind().numeric()) {
      return of(column.numbers());
    }
    int[] codes = column.codes();
    return new Cells() {
      @Override
      public long hash(int row) {
        return codes[row] < 0 ? MISSING : codes[row];
      }

      @Override
      public boolean same(int row, int other) {
        return codes[row] == codes[other] || (codes[row] < 0 && codes[other] < 0);
      }
    };
  }

  /** The number of distinct rows among the first {@code rows} rows of {@code columns}. */
  public static int count(int rows, List<Cells> columns) {
    if (rows == 0) {
      return 0;
    }
    // Each key is a row's hash with its low bits replaced by the row's index: one sort groups the
    // rows by (the rest of) their hash and keeps the index beside it.
    int indexBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, rows - 1));
    long indexMask = (1L << indexBits) - 1;
    long[] keys = new long[rows];
    for (int row = 0; row < rows; row++) {
      long hash = 0;
      for (Cells column : columns) {
        hash = mix(hash ^ column.hash(row));
      }
      keys[row] = (hash & ~indexMask) | row;
    }
    Arrays.sort(keys);
    int distinct = 0;
    int start = 0;
    for (int end = 1; end <= rows; end++) {
      if (end == rows || (keys[end] & ~indexMask) != (keys[start] & ~indexMask)) {
        distinct += end - start == 1 ? 1 : distinctAmong(keys, start, end, indexMask, columns);
        start = end;
      }
    }
    return distinct;
  }

  /** Distinct rows within one group of equal hashes: each row against the group's first ones. */
  private static int distinctAmong(
      long[] keys, int start, int end, long indexMask, List<Cells> columns) {
    int[] firsts = new int[end - start];
    int count = 0;
    for (int i = start; i < end; i++) {
      int row = (int) (keys[i] & indexMask);
      boolean seen = false;
      for (int k = 0; k < count && !seen; k++) {
        seen = same(columns, firsts[k], row);
      }
      if (!seen) {
        firsts[count++] = row;
      }
    }
    return count;
  }

  private static boolean same(List<Cells> columns, int row, int other) {
    for (Cells column : columns) {
      if (!column.same(row, other)) {
        return false;
      }
    }
    return true;
  }

  /** The SplitMix64 finalizer: spreads every input bit over the whole hash. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
