package io.synthos.ml.stats.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.ml.stats.BlockWork;
import io.synthos.ml.stats.Progress;
import io.synthos.ml.stats.RowEncoding;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The blocked scan against a plain double loop over every pair. */
@DisplayName("Nearest-row scan")
class NearestScanTest {

  @Test
  @DisplayName("equals a pair-by-pair loop bit for bit, over chunks, outliers and missing values")
  void equalsPlainLoop() {
    SplittableRandom random = new SplittableRandom(3);
    // 2,500 reference rows: two full chunks of 1,024 and a partial one.
    double[][] reference = columns(random, 2_500);
    double[][] queries = columns(random, 300);
    for (int threads : new int[] {1, 2}) {
      try (BlockWork work = new BlockWork(Progress.NONE, "privacy", threads)) {
        NearestScan.Result got = NearestScan.scan(queries, reference, true, work, 0, 1);
        NearestScan.Result first = NearestScan.scan(queries, reference, false, work, 0, 1);
        for (int q = 0; q < queries[0].length; q++) {
          double best1 = Double.POSITIVE_INFINITY;
          double best2 = Double.POSITIVE_INFINITY;
          for (int r = 0; r < reference[0].length; r++) {
            double sum = 0;
            for (int j = 0; j < queries.length; j++) {
              sum += Math.min(Math.abs(queries[j][q] - reference[j][r]), 1.0);
            }
            if (sum < best1) {
              best2 = best1;
              best1 = sum;
            } else if (sum < best2) {
              best2 = sum;
            }
          }
          assertThat(got.nearest()[q]).as("row %d", q).isEqualTo(best1 / queries.length);
          assertThat(got.second()[q]).as("row %d", q).isEqualTo(best2 / queries.length);
          assertThat(first.nearest()[q]).as("row %d", q).isEqualTo(best1 / queries.length);
        }
        assertThat(first.second()).isNull();
      }
    }
  }

  /**
   * Encoded columns: numbers mostly in [0, 1] with some outside and some missing, integer codes
   * with the missing code -1, and a column missing throughout the last chunk.
   */
  private static double[][] columns(SplittableRandom random, int rows) {
    double[][] out = new double[5][rows];
    for (int r = 0; r < rows; r++) {
      double u = random.nextDouble();
      out[0][r] = u < 0.05 ? RowEncoding.MISSING : u < 0.1 ? 3 * random.nextDouble() - 1 : u;
      out[1][r] = Math.round(random.nextDouble() * 20) / 20.0; // ties
      out[2][r] = random.nextInt(5) - 1; // codes, -1 missing
      out[3][r] = random.nextInt(2);
      out[4][r] = r >= 2_048 ? RowEncoding.MISSING : random.nextDouble();
    }
    return out;
  }
}
