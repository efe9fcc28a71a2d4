package io.synthos.ml.stats.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.Column.Kind;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Machine-learning utility")
class UtilityTest {

  @Test
  @DisplayName("synthetic data identical to the real data is as useful as the real data")
  void identicalIsFullyUseful() {
    LearnFixture fixture = LearnFixture.load("identical");
    JsonObject result = Utility.compute(fixture.columns(), "label", 14, Progress.NONE);
    assertThat(result.getString("task")).isEqualTo("classification");
    assertThat(result.getString("metric")).isEqualTo("macro_f1");
    assertThat(result.getDouble("trtr")).isGreaterThan(0.9);
    assertThat(result.getDouble("score")).isCloseTo(1, within(0.02));
  }

  @Test
  @DisplayName("synthetic data with shuffled labels has low utility")
  void shuffledLabelsAreNotUseful() {
    LearnFixture fixture = LearnFixture.load("shuffled");
    JsonObject result = Utility.compute(fixture.columns(), "label", 15, Progress.NONE);
    assertThat(result.getDouble("trtr")).isGreaterThan(0.85);
    assertThat(result.getDouble("score")).isLessThan(0.7);
  }

  @Test
  @DisplayName("a numeric target is a ridge regression scored by R²")
  void numericTargetIsRegression() {
    LearnFixture fixture = LearnFixture.load("regression");
    JsonObject result = Utility.compute(fixture.columns(), "price", 13, Progress.NONE);
    assertThat(result.getString("task")).isEqualTo("regression");
    assertThat(result.getString("metric")).isEqualTo("r2");
    assertThat(result.getDouble("tstr")).isGreaterThan(0.9);
  }

  @Test
  @DisplayName("the same seed gives the same result, another seed another split")
  void seeded() {
    LearnFixture fixture = LearnFixture.load("separable");
    JsonObject first = Utility.compute(fixture.columns(), "label", 5, Progress.NONE);
    assertThat(Utility.compute(fixture.columns(), "label", 5, Progress.NONE)).isEqualTo(first);
    assertThat(Utility.split(fixture.columns(), fixture.targetColumn(), 6).realTest().index())
        .isNotEqualTo(
            Utility.split(fixture.columns(), fixture.targetColumn(), 5).realTest().index());
  }

  @Test
  @DisplayName("without a holdout a fifth of the real rows (rounded up) are test rows")
  void splitSizes() {
    LearnFixture fixture = LearnFixture.load("separable");
    Utility.Split split = Utility.split(fixture.columns(), fixture.targetColumn(), 1);
    assertThat(split.realTest().size()).isEqualTo(40);
    assertThat(split.realTrain().size()).isEqualTo(160);
    assertThat(split.synthetic().size()).isEqualTo(180);
  }

  @Test
  @DisplayName("rows whose target is missing are dropped")
  void missingTargetRowsDropped() {
    LearnFixture fixture = LearnFixture.load("regression");
    MatchedColumn price = fixture.targetColumn();
    Utility.Split split = Utility.split(fixture.columns(), price, 13);
    int present = 0;
    for (double value : price.real().numbers()) {
      present += Double.isNaN(value) ? 0 : 1;
    }
    assertThat(present).isLessThan(price.real().size());
    assertThat(split.realTrain().size() + split.realTest().size()).isEqualTo(present);
    for (int row : split.realTest().index()) {
      assertThat(price.real().numbers()[row]).isNotNaN();
    }
  }

  @Test
  @DisplayName("a target that is not among the columns is a clear error")
  void unknownTarget() {
    LearnFixture fixture = LearnFixture.load("separable");
    assertThatThrownBy(() -> Utility.compute(fixture.columns(), "nope", 1, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nope'")
        .hasMessageContaining("not among the columns")
        .hasMessageContaining("label");
  }

  @Test
  @DisplayName("a target without any value in the synthetic data is a clear error")
  void emptySynthetic() {
    List<MatchedColumn> columns = new ArrayList<>();
    columns.add(
        new MatchedColumn(
            "t",
            Kind.BOOLEAN,
            Column.coded("t", Kind.BOOLEAN, new int[] {0, 1, 0, 1, 1}),
            Column.coded("t", Kind.BOOLEAN, new int[] {-1, -1}),
            null,
            List.of("false", "true")));
    assertThatThrownBy(() -> Utility.compute(columns, "t", 1, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("synthetic");
  }

  @Test
  @DisplayName("a single training class is always predicted")
  void singleClass() {
    MatchedColumn target =
        new MatchedColumn(
            "t",
            Kind.CATEGORICAL,
            Column.coded("t", Kind.CATEGORICAL, new int[] {0, 1, 0, 1, 1, 0, 1, 0, 1, 1}),
            Column.coded("t", Kind.CATEGORICAL, new int[] {1, 1, 1, 1}),
            null,
            List.of("a", "b"));
    JsonObject result = Utility.compute(List.of(target), "t", 3, Progress.NONE);
    int[] test = Utility.split(List.of(target), target, 3).realTest().index();
    int[] truth = Arrays.stream(test).map(row -> target.real().codes()[row]).toArray();
    assertThat(result.getDouble("tstr"))
        .isEqualTo(Metrics.macroF1(truth, new int[] {1, 1}))
        .isEqualTo(truth[0] == truth[1] ? (truth[0] == 1 ? 1.0 : 0.0) : 1.0 / 3);
  }

  @Test
  @DisplayName("score is tstr / trtr clamped to [0, 1], and 0 or 1 when trtr ≤ 0")
  void score() {
    assertThat(Utility.score(0.4, 0.8)).isEqualTo(0.5);
    assertThat(Utility.score(0.9, 0.8)).isEqualTo(1);
    assertThat(Utility.score(-0.2, 0.8)).isEqualTo(0);
    assertThat(Utility.score(0.3, -0.1)).isEqualTo(1);
    assertThat(Utility.score(-0.3, 0)).isEqualTo(0);
  }

  @Test
  @DisplayName("progress reaches 1, and a caller gone stops the fit with Cancelled")
  void progressAndCancellation() {
    LearnFixture fixture = LearnFixture.load("noisy3");
    List<Double> reported = new ArrayList<>();
    Utility.compute(fixture.columns(), "grade", 12, recording(reported, Integer.MAX_VALUE));
    assertThat(reported).startsWith(0.0).endsWith(1.0);
    assertThatThrownBy(
            () -> Utility.compute(fixture.columns(), "grade", 12, recording(new ArrayList<>(), 5)))
        .isInstanceOf(Progress.Cancelled.class);
  }

  /** Records reported fractions; reports cancelled from the {@code checksBeforeCancel}-th check. */
  static Progress recording(List<Double> reported, int checksBeforeCancel) {
    return new Progress() {
      private int checks;

      @Override
      public void report(String section, double fraction) {
        reported.add(fraction);
      }

      @Override
      public boolean cancelled() {
        return ++checks >= checksBeforeCancel;
      }
    };
  }
}
