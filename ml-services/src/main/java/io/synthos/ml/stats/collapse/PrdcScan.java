package io.synthos.ml.stats.collapse;

import io.synthos.ml.stats.BlockWork;
import io.synthos.ml.stats.RowEncoding;
import java.util.Arrays;

/**
 * Exact blocked brute-force scans for PRDC over rows from {@link RowEncoding#encode}: a row
 * distance is the sum over columns of {@code min(|a - b|, 1)}, summed in column order, divided by
 * the width. The distance is symmetric bit for bit, so one synthetic-against-real scan serves all
 * four figures.
 */
final class PrdcScan {

  /** Query rows per block: the unit of work handed to a thread. */
  static final int QUERY_BLOCK = 128;

  /** Reference rows compared with a whole query block before moving on, to stay in cache. */
  private static final int REFERENCE_CHUNK = 1024;

  /**
   * Per synthetic row, how many real balls hold it; per real row, whether recall and coverage hit.
   */
  record Cross(int[] inside, boolean[] recalled, boolean[] covered) {}

  private PrdcScan() {}

  static int blocks(int rows) {
    return (rows + QUERY_BLOCK - 1) / QUERY_BLOCK;
  }

  /** Per row, the distance to its k-th nearest other row of the same set (needs k below rows). */
  static double[] kthNearest(double[][] rows, int k, BlockWork work, double from, double to) {
    int width = rows.length;
    int count = rows[0].length;
    double[] radius = new double[count];
    work.run(
        blocks(count),
        from,
        to,
        block -> {
          int start = block * QUERY_BLOCK;
          int end = Math.min(count, start + QUERY_BLOCK);
          double[] sums = new double[REFERENCE_CHUNK];
          double[][] smallest = new double[end - start][k];
          for (double[] row : smallest) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
          }
          for (int chunk = 0; chunk < count; chunk += REFERENCE_CHUNK) {
            int length = Math.min(REFERENCE_CHUNK, count - chunk);
            for (int q = start; q < end; q++) {
              sums(rows, q, rows, chunk, length, sums);
              if (q >= chunk && q < chunk + length) {
                sums[q - chunk] = Double.POSITIVE_INFINITY;
              }
              keepSmallest(smallest[q - start], sums, length);
            }
          }
          for (int q = start; q < end; q++) {
            radius[q] = smallest[q - start][k - 1] / width;
          }
        });
    return radius;
  }

  /**
   * Compares every synthetic row with every real row: {@code d(y, x) < realRadius[x]} counts
   * towards density and precision and sets coverage of x; {@code d(y, x) < syntheticRadius[y]} sets
   * recall of x.
   */
  static Cross cross(
      double[][] synthetic,
      double[][] real,
      double[] realRadius,
      double[] syntheticRadius,
      BlockWork work,
      double from,
      double to) {
    int width = real.length;
    int syntheticRows = synthetic[0].length;
    int realRows = real[0].length;
    int[] inside = new int[syntheticRows];
    // Each thread only ever writes true; Future.get in BlockWork publishes the writes.
    boolean[] recalled = new boolean[realRows];
    boolean[] covered = new boolean[realRows];
    work.run(
        blocks(syntheticRows),
        from,
        to,
        block -> {
          int start = block * QUERY_BLOCK;
          int end = Math.min(syntheticRows, start + QUERY_BLOCK);
          double[] sums = new double[REFERENCE_CHUNK];
          for (int chunk = 0; chunk < realRows; chunk += REFERENCE_CHUNK) {
            int length = Math.min(REFERENCE_CHUNK, realRows - chunk);
            for (int q = start; q < end; q++) {
              sums(synthetic, q, real, chunk, length, sums);
              double own = syntheticRadius[q];
              int count = 0;
              for (int i = 0; i < length; i++) {
                double distance = sums[i] / width;
                if (distance < realRadius[chunk + i]) {
                  count++;
                  covered[chunk + i] = true;
                }
                if (distance < own) {
                  recalled[chunk + i] = true;
                }
              }
              inside[q] += count;
            }
          }
        });
    return new Cross(inside, recalled, covered);
  }

  /** Column sums from query row {@code q} to reference rows {@code chunk .. chunk + length - 1}. */
  private static void sums(
      double[][] queries, int q, double[][] reference, int chunk, int length, double[] sums) {
    Arrays.fill(sums, 0, length, 0.0);
    for (int j = 0; j < queries.length; j++) {
      double query = queries[j][q];
      double[] column = reference[j];
      for (int i = 0; i < length; i++) {
        double d = Math.abs(query - column[chunk + i]);
        sums[i] += d < 1.0 ? d : 1.0;
      }
    }
  }

  /** Merges {@code sums[0 .. length - 1]} into the ascending array {@code smallest}. */
  private static void keepSmallest(double[] smallest, double[] sums, int length) {
    int last = smallest.length - 1;
    for (int i = 0; i < length; i++) {
      double sum = sums[i];
      if (sum < smallest[last]) {
        int p = last;
        while (p > 0 && smallest[p - 1] > sum) {
          smallest[p] = smallest[p - 1];
          p--;
        }
        smallest[p] = sum;
      }
    }
  }
}
