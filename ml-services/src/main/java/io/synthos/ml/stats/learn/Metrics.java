package io.synthos.ml.stats.learn;

import java.util.Arrays;
import java.util.TreeSet;

/** Scores of predictions, defined as scikit-learn defines them. */
final class Metrics {

  private Metrics() {}

  /**
   * Macro-averaged F1 over the labels present in {@code truth} or {@code predicted}, as {@code
   * f1_score(average="macro", zero_division=0)}: per label 2·TP / (2·TP + FP + FN).
   */
  static double macroF1(int[] truth, int[] predicted) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("truth and predictions differ in length");
    }
    TreeSet<Integer> labels = new TreeSet<>();
    for (int i = 0; i < truth.length; i++) {
      labels.add(truth[i]);
      labels.add(predicted[i]);
    }
    if (labels.isEmpty()) {
      return 0;
    }
    double sum = 0;
    for (int label : labels) {
      long tp = 0;
      long fp = 0;
      long fn = 0;
      for (int i = 0; i < truth.length; i++) {
        boolean actual = truth[i] == label;
        boolean guessed = predicted[i] == label;
        if (actual && guessed) {
          tp++;
        } else if (guessed) {
          fp++;
        } else if (actual) {
          fn++;
        }
      }
      sum += 2.0 * tp / (2 * tp + fp + fn);
    }
    return sum / labels.size();
  }

  /**
   * The coefficient of determination, as {@code r2_score}: 1 − SS_res / SS_tot; when the truth is
   * constant (SS_tot = 0) 1 for a perfect prediction and 0 otherwise.
   */
  static double r2(double[] truth, double[] predicted) {
    if (truth.length != predicted.length || truth.length == 0) {
      throw new IllegalArgumentException("r2 needs equally long, non-empty truth and predictions");
    }
    double mean = 0;
    for (double v : truth) {
      mean += v;
    }
    mean /= truth.length;
    double residual = 0;
    double total = 0;
    for (int i = 0; i < truth.length; i++) {
      residual += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
      total += (truth[i] - mean) * (truth[i] - mean);
    }
    if (total == 0) {
      return residual == 0 ? 1 : 0;
    }
    return 1 - residual / total;
  }

  /**
   * The area under the ROC curve of {@code scores} for binary {@code labels} (1 = positive), as
   * {@code roc_auc_score}: the Mann–Whitney statistic with tied scores given their average rank.
   * NaN when only one class is present, where scikit-learn raises.
   */
  static double rocAuc(int[] labels, double[] scores) {
    int n = labels.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double positiveRanks = 0;
    long positives = 0;
    for (int start = 0; start < n; ) {
      int end = start;
      while (end + 1 < n && scores[order[end + 1]] == scores[order[start]]) {
        end++;
      }
      double rank = (start + end) / 2.0 + 1;
      for (int k = start; k <= end; k++) {
        if (labels[order[k]] == 1) {
          positiveRanks += rank;
          positives++;
        }
      }
      start = end + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
