package io.synthos.ml.stats.privacy;

/**
 * How the privacy metrics are computed.
 *
 * @param knnMaxRows rows per side (real, synthetic, holdout) above which a seeded sample of this
 *     many rows is used instead of all rows
 * @param seed seeds the row samples and the random baseline rows
 * @param threads threads that scan for nearest rows; 1 scans on the calling thread only
 */
public record PrivacyOptions(int knnMaxRows, long seed, int threads) {

  /** 50,000 rows per side, seed 0, one thread. */
  public static final PrivacyOptions DEFAULTS = new PrivacyOptions(50_000, 0, 1);

  public PrivacyOptions {
    if (knnMaxRows < 1) {
      throw new IllegalArgumentException("knnMaxRows must be at least 1, was " + knnMaxRows);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
  }

  public static PrivacyOptions defaults() {
    return DEFAULTS;
  }
}
