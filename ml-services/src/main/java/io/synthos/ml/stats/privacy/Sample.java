package io.synthos.ml.stats.privacy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Seeded uniform row samples without replacement, and numpy's linear-interpolation quantile. */
final class Sample {

  private Sample() {}

  /**
   * All of {@code rows} rows when there are at most {@code max}, else {@code max} of them drawn
   * without replacement, in ascending order. {@code stream} tells apart the datasets sampled with
   * one seed.
   */
  static int[] rows(int rows, int max, long seed, int stream) {
    if (rows <= max) {
      return IntStream.range(0, rows).toArray();
    }
    SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (stream + 1)));
    int[] order = IntStream.range(0, rows).toArray();
    for (int i = 0; i < max; i++) {
      int pick = i + random.nextInt(rows - i);
      int swap = order[i];
      order[i] = order[pick];
      order[pick] = swap;
    }
    int[] chosen = Arrays.copyOf(order, max);
    Arrays.sort(chosen);
    return chosen;
  }

  /**
   * The {@code percent} quantile of {@code values} as {@code numpy.percentile} computes it by
   * default (linear interpolation between closest ranks); NaN for no values.
   */
  static double percentile(double[] values, double percent) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double index = percent / 100.0 * (sorted.length - 1);
    int low = (int) Math.floor(index);
    int high = Math.min(low + 1, sorted.length - 1);
    double t = index - low;
    double a = sorted[low];
    double b = sorted[high];
    double diff = b - a;
    // numpy's _lerp: interpolates from the nearer end, so t = 1 gives b exactly.
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }
}
