package io.synthos.ml.data.columns;

import java.util.SplittableRandom;

/**
 * The rows a read returns, in increasing order: all of them, or exactly {@code k} of {@code n}
 * chosen by selection sampling (Knuth's Algorithm S) from a seeded generator. The choice depends
 * only on {@code (n, k, seed)}, so every column selection sees the same rows, and it needs O(1)
 * memory whatever the sample size.
 */
final class RowSample {

  private final long rows;
  private final long wanted;
  private final SplittableRandom random;
  private long next;
  private long chosen;

  RowSample(long rows, long sampleRows, long seed) {
    this.rows = rows;
    this.wanted = sampleRows <= 0 || sampleRows >= rows ? rows : sampleRows;
    this.random = wanted == rows ? null : new SplittableRandom(seed);
  }

  /** The next row index, or -1 when the sample is exhausted. */
  long nextIndex() {
    while (chosen < wanted && next < rows) {
      long candidate = next++;
      // Choose this row with probability (still wanted) / (rows left): exactly `wanted` in all.
      if (random == null || random.nextLong(rows - candidate) < wanted - chosen) {
        chosen++;
        return candidate;
      }
    }
    return -1;
  }

  long size() {
    return wanted;
  }
}
