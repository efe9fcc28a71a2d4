package io.synthos.ml.stats.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthos.ml.stats.Progress;
import io.synthos.ml.stats.learn.Rows.Side;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks utility and detection against {@code bench/reference/learn_reference.py}'s fixtures. */
@DisplayName("Utility and detection against the numpy/scipy reference")
class LearnAgainstNumpyTest {

  private static final double COEFFICIENTS = 1e-6;
  private static final double METRICS = 1e-9;

  static Stream<LearnFixture> fixtures() {
    return LearnFixture.NAMES.stream().map(LearnFixture::load);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  @DisplayName("the utility split picks the reference's rows from the same seed")
  void utilitySplit(LearnFixture fixture) {
    JsonObject want = fixture.expected().getJsonObject("utility").getJsonObject("split");
    Utility.Split split = Utility.split(fixture.columns(), fixture.targetColumn(), fixture.seed());
    assertThat(split.synthetic().index()).containsExactly(ints(want.getJsonArray("synthetic")));
    assertRows(split.realTrain(), want.getJsonArray("real_train"));
    assertRows(split.realTest(), want.getJsonArray("real_test"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  @DisplayName("TSTR and TRTR models have the reference's coefficients, predictions and metric")
  void utilityModels(LearnFixture fixture) {
    JsonObject want = fixture.expected().getJsonObject("utility");
    Utility.Split split = Utility.split(fixture.columns(), fixture.targetColumn(), fixture.seed());
    assertModel(
        fixture, split.synthetic(), split.realTest(), want.getJsonObject("tstr_model"), "tstr");
    assertModel(
        fixture, split.realTrain(), split.realTest(), want.getJsonObject("trtr_model"), "trtr");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  @DisplayName("Utility.compute reports the reference's task, metric, tstr, trtr and score")
  void utility(LearnFixture fixture) {
    JsonObject want = fixture.expected().getJsonObject("utility");
    JsonObject got =
        Utility.compute(fixture.columns(), fixture.target(), fixture.seed(), Progress.NONE);
    assertThat(got.fieldNames())
        .containsExactlyInAnyOrder("target", "task", "metric", "tstr", "trtr", "score");
    assertThat(got.getString("target")).isEqualTo(want.getString("target"));
    assertThat(got.getString("task")).isEqualTo(want.getString("task"));
    assertThat(got.getString("metric")).isEqualTo(want.getString("metric"));
    for (String key : List.of("tstr", "trtr", "score")) {
      assertThat(got.getDouble(key)).as(key).isCloseTo(want.getDouble(key), within(METRICS));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  @DisplayName("detection samples, folds and discriminators match the reference")
  void detectionFolds(LearnFixture fixture) {
    JsonObject want = fixture.expected().getJsonObject("detection");
    Detection.Sample sample = Detection.sample(fixture.columns(), fixture.seed());
    assertRows(sample.rows(), want.getJsonArray("sample"));
    assertThat(sample.labels()).containsExactly(ints(want.getJsonArray("labels")));
    int[][] folds = Detection.folds(sample.size());
    for (int k = 0; k < folds.length; k++) {
      JsonObject wantFold = want.getJsonArray("folds").getJsonObject(k);
      assertThat(folds[k]).containsExactly(ints(wantFold.getJsonArray("test")));
      Detection.Fold fold = Detection.fold(fixture.columns(), sample, folds[k], Progress.NONE);
      assertThat(fold.model().gradientNorm()).isLessThan(LogisticRegression.TOLERANCE);
      assertMatrix(fold.model().weights(), wantFold.getJsonArray("weights"), "fold " + k);
      assertThat(fold.model().intercepts())
          .containsExactly(doubles(wantFold.getJsonArray("intercepts")), within(COEFFICIENTS));
      assertThat(fold.scores())
          .containsExactly(doubles(wantFold.getJsonArray("scores")), within(COEFFICIENTS));
      assertThat(fold.auc()).isCloseTo(wantFold.getDouble("auc"), within(METRICS));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  @DisplayName("Detection.compute reports the reference's mean AUC and score")
  void detection(LearnFixture fixture) {
    JsonObject want = fixture.expected().getJsonObject("detection");
    JsonObject got = Detection.compute(fixture.columns(), fixture.seed(), Progress.NONE);
    assertThat(got.fieldNames()).containsExactlyInAnyOrder("auc", "score");
    assertThat(got.getDouble("auc")).isCloseTo(want.getDouble("auc"), within(METRICS));
    assertThat(got.getDouble("score")).isCloseTo(want.getDouble("score"), within(METRICS));
  }

  private static void assertModel(
      LearnFixture fixture, Rows train, Rows test, JsonObject want, String what) {
    Utility.Evaluation got =
        Utility.evaluate(fixture.targetColumn(), fixture.features(), train, test, Progress.NONE);
    if (fixture.targetColumn().numeric()) {
      assertThat(got.ridge().weights())
          .as(what)
          .containsExactly(doubles(want.getJsonArray("weights")), within(COEFFICIENTS));
      assertThat(got.ridge().intercept())
          .as(what)
          .isCloseTo(want.getDouble("intercept"), within(COEFFICIENTS));
      assertThat(got.predicted())
          .as(what)
          .containsExactly(doubles(want.getJsonArray("predicted")), within(COEFFICIENTS));
    } else {
      assertThat(got.logistic().gradientNorm()).as(what).isLessThan(LogisticRegression.TOLERANCE);
      assertMatrix(got.logistic().weights(), want.getJsonArray("weights"), what);
      assertThat(got.logistic().intercepts())
          .as(what)
          .containsExactly(doubles(want.getJsonArray("intercepts")), within(COEFFICIENTS));
      assertThat(got.predicted())
          .as(what)
          .containsExactly(doubles(want.getJsonArray("predicted")), within(0.0));
    }
    assertThat(got.metric()).as(what).isCloseTo(want.getDouble("metric"), within(METRICS));
  }

  private static void assertMatrix(double[][] got, JsonArray want, String what) {
    assertThat(got.length).as(what).isEqualTo(want.size());
    for (int c = 0; c < got.length; c++) {
      assertThat(got[c])
          .as(what + " row " + c)
          .containsExactly(doubles(want.getJsonArray(c)), within(COEFFICIENTS));
    }
  }

  private static void assertRows(Rows got, JsonArray want) {
    assertThat(got.size()).isEqualTo(want.size());
    for (int i = 0; i < want.size(); i++) {
      JsonArray pair = want.getJsonArray(i);
      assertThat(got.sides()[i])
          .as("row " + i)
          .isEqualTo(Side.valueOf(pair.getString(0).toUpperCase()));
      assertThat(got.index()[i]).as("row " + i).isEqualTo(pair.getInteger(1));
    }
  }

  private static int[] ints(JsonArray array) {
    return array.stream().mapToInt(v -> ((Number) v).intValue()).toArray();
  }

  private static double[] doubles(JsonArray array) {
    return array.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
  }
}
