package io.synthos.ml.stats.learn;

import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.synthos.ml.stats.learn.Rows.Side;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Detection, SDMetrics style: how well a logistic-regression discriminator tells real rows (label
 * 0) from synthetic ones (label 1) on every column's features. The larger side is subsampled
 * (seeded) to the smaller side's size, the balanced sample is shuffled (seeded) and cut into {@link
 * #FOLDS} contiguous folds as scikit-learn's {@code KFold} cuts them; each fold's held-out rows are
 * scored by a model whose features and weights were fitted on the other folds. {@code auc} is the
 * mean ROC AUC over the folds (a fold whose held-out or training rows hold a single label is
 * skipped), and {@code score} = 1 − (2·max(auc, 0.5) − 1): 1 when the discriminator guesses, 0 when
 * it is perfect.
 */
public final class Detection {

  static final int FOLDS = 3;
  private static final String SECTION = "detection";

  private Detection() {}

  /**
   * Computes {@code {auc, score}}.
   *
   * @param seed drives the subsample of the larger side and the shuffle into folds
   * @throws IllegalArgumentException when there are no columns or fewer than two real or synthetic
   *     rows
   * @throws Progress.Cancelled when {@code progress} reports the caller gone
   */
  public static JsonObject compute(List<MatchedColumn> columns, long seed, Progress progress) {
    Sample sample = sample(columns, seed);
    progress.report(SECTION, 0);
    double sum = 0;
    int counted = 0;
    int[][] folds = folds(sample.size());
    for (int k = 0; k < folds.length; k++) {
      progress.check();
      Fold fold = fold(columns, sample, folds[k], progress);
      if (!Double.isNaN(fold.auc())) {
        sum += fold.auc();
        counted++;
      }
      progress.report(SECTION, (k + 1.0) / folds.length);
    }
    if (counted == 0) {
      throw new IllegalArgumentException(
          "too few rows for detection: no fold held out both real and synthetic rows");
    }
    double auc = sum / counted;
    return new JsonObject().put("auc", auc).put("score", 1 - (2 * Math.max(auc, 0.5) - 1));
  }

  /** The balanced, shuffled rows and their labels (0 real, 1 synthetic). */
  record Sample(Rows rows, int[] labels) {
    int size() {
      return labels.length;
    }
  }

  /**
   * Draws, from {@link SplitMix64} seeded with {@code seed}: first, if the real side is larger, a
   * permutation of its rows whose first {@code m} (the smaller side's size) are kept; then the same
   * for the synthetic side; then a permutation of the kept real rows (ascending) followed by the
   * kept synthetic rows (ascending), which is the sample's order.
   */
  static Sample sample(List<MatchedColumn> columns, long seed) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("detection needs at least one column");
    }
    int real = columns.get(0).real().size();
    int synthetic = columns.get(0).synthetic().size();
    int m = Math.min(real, synthetic);
    if (m < 2) {
      throw new IllegalArgumentException(
          "detection needs at least 2 real and 2 synthetic rows, got "
              + real
              + " and "
              + synthetic);
    }
    SplitMix64 random = new SplitMix64(seed);
    Rows kept =
        Rows.concat(
            Rows.of(Side.REAL, keep(random, real, m)),
            Rows.of(Side.SYNTHETIC, keep(random, synthetic, m)));
    int[] order = random.permutation(2 * m);
    int[] labels = new int[2 * m];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = order[i] < m ? 0 : 1;
    }
    return new Sample(kept.pick(order), labels);
  }

  private static int[] keep(SplitMix64 random, int n, int m) {
    if (n == m) {
      return IntStream.range(0, n).toArray();
    }
    int[] kept = Arrays.copyOf(random.permutation(n), m);
    Arrays.sort(kept);
    return kept;
  }

  /** The held-out positions of each fold: contiguous, the first {@code n mod 3} one longer. */
  static int[][] folds(int n) {
    int[][] folds = new int[FOLDS][];
    int start = 0;
    for (int k = 0; k < FOLDS; k++) {
      int size = n / FOLDS + (k < n % FOLDS ? 1 : 0);
      folds[k] = IntStream.range(start, start + size).toArray();
      start += size;
    }
    return folds;
  }

  /** One fold's discriminator (null when skipped), its held-out scores and their AUC (NaN). */
  record Fold(double auc, LogisticRegression model, double[] scores) {}

  static Fold fold(List<MatchedColumn> columns, Sample sample, int[] test, Progress progress) {
    boolean[] held = new boolean[sample.size()];
    for (int position : test) {
      held[position] = true;
    }
    int[] train = IntStream.range(0, sample.size()).filter(i -> !held[i]).toArray();
    Rows trainRows = sample.rows().pick(train);
    Rows testRows = sample.rows().pick(test);
    int[] trainLabels = Arrays.stream(train).map(i -> sample.labels()[i]).toArray();
    int[] testLabels = Arrays.stream(test).map(i -> sample.labels()[i]).toArray();
    if (Arrays.stream(trainLabels).distinct().count() < 2) {
      return new Fold(Double.NaN, null, new double[0]);
    }
    Features features = Features.fit(columns, trainRows);
    LogisticRegression model =
        LogisticRegression.fit(features.matrix(trainRows), trainLabels, 2, progress);
    double[][] probabilities = model.probabilities(features.matrix(testRows));
    double[] scores = new double[test.length];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = probabilities[i][1];
    }
    return new Fold(Metrics.rocAuc(testLabels, scores), model, scores);
  }
}
