package io.synthos.ml.stats.learn;

import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.synthos.ml.stats.learn.Rows.Side;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Machine-learning utility, SDMetrics style: how well a model trained on the synthetic data (TSTR)
 * predicts the target on real test rows, against a model trained on real rows (TRTR). A categorical
 * or boolean target is predicted by {@link LogisticRegression} and scored by macro-F1; a numeric or
 * datetime target by {@link RidgeRegression} (α = 1) and scored by R².
 *
 * <p>The real test rows are the holdout's when the columns have a holdout (TRTR then trains on all
 * real rows), otherwise a seeded 20% of the real rows (TRTR trains on the other 80%). Rows whose
 * target is missing are dropped first. {@code score} is tstr / trtr clamped to [0, 1]; when trtr ≤
 * 0 (the real model itself is no better than a constant) the ratio means nothing, and the score is
 * 0 if tstr ≤ 0 and 1 otherwise.
 */
public final class Utility {

  static final double RIDGE_ALPHA = 1;
  private static final String SECTION = "utility";

  private Utility() {}

  /**
   * Computes {@code {target, task, metric, tstr, trtr, score}} for predicting {@code target} from
   * every other column.
   *
   * @param seed drives the 80/20 split of the real rows when there is no holdout
   * @throws IllegalArgumentException when {@code target} is not among {@code columns} or a sample
   *     has no row with a target
   * @throws Progress.Cancelled when {@code progress} reports the caller gone
   */
  public static JsonObject compute(
      List<MatchedColumn> columns, String target, long seed, Progress progress) {
    MatchedColumn targetColumn = target(columns, target);
    List<MatchedColumn> features = new ArrayList<>(columns);
    features.remove(targetColumn);
    progress.check();
    progress.report(SECTION, 0);
    Split split = split(columns, targetColumn, seed);
    Evaluation tstr =
        evaluate(targetColumn, features, split.synthetic(), split.realTest(), progress);
    progress.report(SECTION, 0.5);
    Evaluation trtr =
        evaluate(targetColumn, features, split.realTrain(), split.realTest(), progress);
    progress.report(SECTION, 1);
    boolean classification = !targetColumn.numeric();
    return new JsonObject()
        .put("target", target)
        .put("task", classification ? "classification" : "regression")
        .put("metric", classification ? "macro_f1" : "r2")
        .put("tstr", tstr.metric())
        .put("trtr", trtr.metric())
        .put("score", score(tstr.metric(), trtr.metric()));
  }

  static double score(double tstr, double trtr) {
    if (!(trtr > 0)) {
      return tstr > 0 ? 1 : 0;
    }
    return Math.max(0, Math.min(1, tstr / trtr));
  }

  private static MatchedColumn target(List<MatchedColumn> columns, String target) {
    for (MatchedColumn column : columns) {
      if (column.name().equals(target)) {
        return column;
      }
    }
    throw new IllegalArgumentException(
        "target column '"
            + target
            + "' is not among the columns "
            + columns.stream().map(MatchedColumn::name).toList());
  }

  /** The rows each model trains and is tested on. */
  record Split(Rows synthetic, Rows realTrain, Rows realTest) {}

  /**
   * Without a holdout, the real rows with a target, in row order, are shuffled by {@link
   * SplitMix64#permutation} from {@code seed}; the first ⌈20%⌉ of the shuffle are the test rows.
   * Each part is returned in ascending row order.
   */
  static Split split(List<MatchedColumn> columns, MatchedColumn target, long seed) {
    Rows synthetic = Rows.of(Side.SYNTHETIC, present(target, Side.SYNTHETIC));
    Rows realTrain;
    Rows realTest;
    if (target.holdout() != null) {
      for (MatchedColumn column : columns) {
        if (column.holdout() == null) {
          throw new IllegalArgumentException(
              "column " + column.name() + " has no holdout but the target has one");
        }
      }
      realTrain = Rows.of(Side.REAL, present(target, Side.REAL));
      realTest = Rows.of(Side.HOLDOUT, present(target, Side.HOLDOUT));
    } else {
      int[] rows = present(target, Side.REAL);
      int[] order = new SplitMix64(seed).permutation(rows.length);
      int tests = (rows.length + 4) / 5;
      int[] test = new int[tests];
      int[] train = new int[rows.length - tests];
      for (int i = 0; i < rows.length; i++) {
        if (i < tests) {
          test[i] = rows[order[i]];
        } else {
          train[i - tests] = rows[order[i]];
        }
      }
      Arrays.sort(test);
      Arrays.sort(train);
      realTrain = Rows.of(Side.REAL, train);
      realTest = Rows.of(Side.REAL, test);
    }
    require(synthetic, "synthetic training");
    require(realTrain, "real training");
    require(realTest, "real test");
    return new Split(synthetic, realTrain, realTest);
  }

  private static void require(Rows rows, String what) {
    if (rows.size() == 0) {
      throw new IllegalArgumentException("the " + what + " rows have no value of the target");
    }
  }

  private static int[] present(MatchedColumn target, Side side) {
    var column = side.of(target);
    return IntStream.range(0, column.size()).filter(row -> !column.missing(row)).toArray();
  }

  /**
   * A model fitted on {@code train} and scored on {@code test}: exactly one of {@code logistic}
   * (null too when training saw a single class, which is then always predicted) and {@code ridge}
   * is set; {@code predicted} holds category codes or values.
   */
  record Evaluation(
      double metric, LogisticRegression logistic, RidgeRegression ridge, double[] predicted) {}

  static Evaluation evaluate(
      MatchedColumn target,
      List<MatchedColumn> features,
      Rows train,
      Rows test,
      Progress progress) {
    Features design = Features.fit(features, train);
    double[][] xTrain = design.matrix(train);
    double[][] xTest = design.matrix(test);
    progress.check();
    if (target.numeric()) {
      double[] yTrain = numbers(target, train);
      double[] yTest = numbers(target, test);
      RidgeRegression ridge = RidgeRegression.fit(xTrain, yTrain, RIDGE_ALPHA);
      double[] predicted = ridge.predict(xTest);
      return new Evaluation(Metrics.r2(yTest, predicted), null, ridge, predicted);
    }
    int[] codesTrain = codes(target, train);
    int[] codesTest = codes(target, test);
    int[] classes =
        new TreeSet<>(Arrays.stream(codesTrain).boxed().toList())
            .stream().mapToInt(Integer::intValue).toArray();
    int[] predictedCodes = new int[test.size()];
    LogisticRegression logistic = null;
    if (classes.length == 1) {
      Arrays.fill(predictedCodes, classes[0]);
    } else {
      int[] y = new int[codesTrain.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = Arrays.binarySearch(classes, codesTrain[i]);
      }
      logistic = LogisticRegression.fit(xTrain, y, classes.length, progress);
      int[] predicted = logistic.predict(xTest);
      for (int i = 0; i < predicted.length; i++) {
        predictedCodes[i] = classes[predicted[i]];
      }
    }
    return new Evaluation(
        Metrics.macroF1(codesTest, predictedCodes),
        logistic,
        null,
        Arrays.stream(predictedCodes).asDoubleStream().toArray());
  }

  private static double[] numbers(MatchedColumn target, Rows rows) {
    double[] values = new double[rows.size()];
    for (int row = 0; row < values.length; row++) {
      values[row] = rows.number(target, row);
    }
    return values;
  }

  private static int[] codes(MatchedColumn target, Rows rows) {
    int[] values = new int[rows.size()];
    for (int row = 0; row < values.length; row++) {
      values[row] = rows.code(target, row);
    }
    return values;
  }
}
