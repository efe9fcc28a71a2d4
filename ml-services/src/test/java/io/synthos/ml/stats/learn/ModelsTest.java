package io.synthos.ml.stats.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.Column.Kind;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.synthos.ml.stats.learn.Rows.Side;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Features, models, metrics and the generator")
class ModelsTest {

  @Test
  @DisplayName("SplitMix64 gives the published first output for seed 0 and true permutations")
  void splitMix() {
    assertThat(new SplitMix64(0).nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    int[] order = new SplitMix64(42).permutation(50);
    assertThat(Arrays.stream(order).sorted().toArray())
        .containsExactly(java.util.stream.IntStream.range(0, 50).toArray());
    assertThat(new SplitMix64(42).permutation(50)).containsExactly(order);
  }

  @Test
  @DisplayName("features standardise with training statistics, one-hot codes, drop constants")
  void features() {
    MatchedColumn number =
        new MatchedColumn(
            "n",
            Kind.NUMERIC,
            Column.numeric("n", Kind.NUMERIC, new double[] {1, 3, Double.NaN}),
            Column.numeric("n", Kind.NUMERIC, new double[] {5}),
            null,
            List.of());
    MatchedColumn constant =
        new MatchedColumn(
            "c",
            Kind.NUMERIC,
            Column.numeric("c", Kind.NUMERIC, new double[] {0.1, 0.1, 0.1}),
            Column.numeric("c", Kind.NUMERIC, new double[] {7}),
            null,
            List.of());
    MatchedColumn colour =
        new MatchedColumn(
            "k",
            Kind.CATEGORICAL,
            Column.coded("k", Kind.CATEGORICAL, new int[] {0, 2, -1}),
            Column.coded("k", Kind.CATEGORICAL, new int[] {1}),
            null,
            List.of("r", "g", "b"));
    List<MatchedColumn> columns = List.of(number, constant, colour);
    Features features = Features.fit(columns, Rows.of(Side.REAL, new int[] {0, 1, 2}));
    assertThat(features.width()).isEqualTo(4);
    assertThat(features.matrix(Rows.of(Side.REAL, new int[] {0, 1, 2})))
        .isDeepEqualTo(new double[][] {{-1, 1, 0, 0}, {1, 0, 0, 1}, {0, 0, 0, 0}});
    assertThat(features.matrix(Rows.of(Side.SYNTHETIC, new int[] {0})))
        .isDeepEqualTo(new double[][] {{3, 0, 1, 0}});
  }

  @Test
  @DisplayName("ridge with a vanishing penalty recovers an exact linear relation")
  void ridge() {
    double[][] x = {{1, 0}, {0, 1}, {1, 1}, {2, -1}, {-1, 3}};
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 4 + 2 * x[i][0] - 3 * x[i][1];
    }
    RidgeRegression ridge = RidgeRegression.fit(x, y, 1e-12);
    assertThat(ridge.weights()).containsExactly(new double[] {2, -3}, within(1e-9));
    assertThat(ridge.intercept()).isCloseTo(4, within(1e-9));
    assertThat(ridge.predict(new double[][] {{10, 10}})[0]).isCloseTo(-6, within(1e-8));
  }

  @Test
  @DisplayName("logistic regression needs two classes and converges to a tiny gradient")
  void logistic() {
    double[][] x = {{0}, {1}, {2}, {3}, {4}, {5}};
    assertThatThrownBy(() -> LogisticRegression.fit(x, new int[6], 1, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class);
    LogisticRegression model =
        LogisticRegression.fit(x, new int[] {0, 0, 1, 0, 1, 1}, 2, Progress.NONE);
    assertThat(model.gradientNorm()).isLessThan(LogisticRegression.TOLERANCE);
    assertThat(model.weights()[0][0]).isPositive();
    assertThat(model.predict(new double[][] {{-10}, {20}})).containsExactly(0, 1);
    double[][] p = model.probabilities(new double[][] {{2.5}});
    assertThat(p[0][0] + p[0][1]).isCloseTo(1, within(1e-15));
  }

  @Test
  @DisplayName("Newton steps alone, from zero, reach the L-BFGS fit with the exact Hessian")
  void newton() {
    double[][] x = {{0, 1}, {1, 0}, {2, 1}, {3, 3}, {4, 1}, {5, 0}, {1, 2}, {2, 2}};
    int[] y = {0, 2, 1, 0, 1, 2, 2, 0};
    SoftmaxLoss objective = new SoftmaxLoss(x, y, 3);
    double[] theta = new double[9];
    double[] gradient = new double[9];
    objective.evaluate(theta, gradient);
    double norm = Math.sqrt(Arrays.stream(gradient).map(g -> g * g).sum());
    norm = LogisticRegression.polish(objective, theta, gradient, norm, Progress.NONE);
    assertThat(norm).isLessThan(1e-12);
    LogisticRegression fitted = LogisticRegression.fit(x, y, 3, Progress.NONE);
    double shift = (theta[2] + theta[5] + theta[8]) / 3;
    for (int c = 0; c < 3; c++) {
      assertThat(fitted.weights()[c])
          .containsExactly(new double[] {theta[3 * c], theta[3 * c + 1]}, within(1e-7));
      assertThat(fitted.intercepts()[c]).isCloseTo(theta[3 * c + 2] - shift, within(1e-7));
    }
  }

  @Test
  @DisplayName("macro-F1 averages over the labels in truth or prediction, 0 where undefined")
  void macroF1() {
    // Label 0: TP 1, FP 1, FN 1 → 0.5. Label 1: TP 1, FP 0, FN 1 → 2/3. Label 2: only predicted →
    // 0.
    int[] truth = {0, 0, 1, 1};
    int[] predicted = {0, 2, 1, 0};
    assertThat(Metrics.macroF1(truth, predicted)).isCloseTo((0.5 + 2.0 / 3 + 0) / 3, within(1e-15));
    assertThat(Metrics.macroF1(new int[] {1, 1}, new int[] {1, 1})).isEqualTo(1);
  }

  @Test
  @DisplayName("R² is 1 − SS_res/SS_tot, and 1 or 0 for a constant truth")
  void r2() {
    assertThat(Metrics.r2(new double[] {1, 2, 3}, new double[] {1, 2, 4}))
        .isCloseTo(0.5, within(1e-15));
    assertThat(Metrics.r2(new double[] {2, 2}, new double[] {2, 2})).isEqualTo(1);
    assertThat(Metrics.r2(new double[] {2, 2}, new double[] {2, 3})).isEqualTo(0);
  }

  @Test
  @DisplayName("ROC AUC averages tied ranks and is NaN with one class")
  void rocAuc() {
    assertThat(Metrics.rocAuc(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8}))
        .isEqualTo(0.75);
    assertThat(Metrics.rocAuc(new int[] {0, 1, 0, 1}, new double[] {0.5, 0.5, 0.2, 0.9}))
        .isEqualTo(0.875);
    assertThat(Metrics.rocAuc(new int[] {1, 1}, new double[] {0.5, 0.2})).isNaN();
  }
}
