package io.synthos.ml.stats.learn;

/**
 * The SplitMix64 generator (Steele, Lea and Flood, 2014), written out so that the Python reference
 * ({@code bench/reference/learn_reference.py}) draws exactly the same numbers from the same seed.
 * {@link java.util.SplittableRandom} would do as well in Java, but its bounded draws are harder to
 * mirror byte for byte.
 */
final class SplitMix64 {

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  long nextLong() {
    state += 0x9E3779B97F4A7C15L;
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * A draw in {@code [0, bound)}: the unsigned 64-bit draw modulo {@code bound}. The modulo bias is
   * below 2^-40 for the bounds used here and keeps the Python mirror a one-liner.
   */
  int nextInt(int bound) {
    return (int) Long.remainderUnsigned(nextLong(), bound);
  }

  /**
   * A Fisher–Yates shuffle of {@code 0..n-1}: for i from n-1 down to 1, swap i with nextInt(i+1).
   */
  int[] permutation(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
