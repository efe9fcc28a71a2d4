package io.synthos.ml.stats.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.Column.Kind;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Detection")
class DetectionTest {

  @Test
  @DisplayName("identical real and synthetic data cannot be told apart")
  void identical() {
    LearnFixture fixture = LearnFixture.load("identical");
    JsonObject result = Detection.compute(fixture.columns(), 14, Progress.NONE);
    // Held-out rows whose twin trained with the other label pull the AUC below 0.5, never above.
    assertThat(result.getDouble("auc")).isLessThan(0.55);
    assertThat(result.getDouble("score")).isGreaterThan(0.9);
  }

  @Test
  @DisplayName("shifted synthetic data is detected")
  void shifted() {
    SplittableRandom random = new SplittableRandom(3);
    double[] real = new double[300];
    double[] synthetic = new double[200];
    for (int i = 0; i < real.length; i++) {
      real[i] = random.nextGaussian();
    }
    for (int i = 0; i < synthetic.length; i++) {
      synthetic[i] = 3 + random.nextGaussian();
    }
    MatchedColumn x =
        new MatchedColumn(
            "x",
            Kind.NUMERIC,
            Column.numeric("x", Kind.NUMERIC, real),
            Column.numeric("x", Kind.NUMERIC, synthetic),
            null,
            List.of());
    JsonObject result = Detection.compute(List.of(x), 9, Progress.NONE);
    assertThat(result.getDouble("auc")).isGreaterThan(0.95);
    assertThat(result.getDouble("score")).isLessThan(0.1);
    assertThat(Detection.sample(List.of(x), 9).size()).isEqualTo(400);
  }

  @Test
  @DisplayName("the balanced sample holds as many real as synthetic rows, each once")
  void balanced() {
    LearnFixture fixture = LearnFixture.load("separable");
    Detection.Sample sample = Detection.sample(fixture.columns(), 11);
    assertThat(sample.size()).isEqualTo(360);
    assertThat(java.util.Arrays.stream(sample.labels()).sum()).isEqualTo(180);
    assertThat(
            java.util.stream.IntStream.range(0, sample.size())
                .mapToObj(i -> sample.rows().sides()[i] + ":" + sample.rows().index()[i])
                .distinct()
                .count())
        .isEqualTo(360);
  }

  @Test
  @DisplayName("folds are contiguous, cover every row once, and the first take the remainder")
  void folds() {
    int[][] folds = Detection.folds(11);
    assertThat(folds[0]).containsExactly(0, 1, 2, 3);
    assertThat(folds[1]).containsExactly(4, 5, 6, 7);
    assertThat(folds[2]).containsExactly(8, 9, 10);
  }

  @Test
  @DisplayName("fewer than two rows on a side is a clear error")
  void tooFewRows() {
    MatchedColumn x =
        new MatchedColumn(
            "x",
            Kind.NUMERIC,
            Column.numeric("x", Kind.NUMERIC, new double[] {1, 2, 3}),
            Column.numeric("x", Kind.NUMERIC, new double[] {1}),
            null,
            List.of());
    assertThatThrownBy(() -> Detection.compute(List.of(x), 1, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2 real and 2 synthetic rows");
    assertThatThrownBy(() -> Detection.compute(List.of(), 1, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("progress reaches 1, and a caller gone stops the folds with Cancelled")
  void progressAndCancellation() {
    LearnFixture fixture = LearnFixture.load("noisy3");
    List<Double> reported = new ArrayList<>();
    Detection.compute(fixture.columns(), 12, UtilityTest.recording(reported, Integer.MAX_VALUE));
    assertThat(reported).startsWith(0.0).endsWith(1.0);
    assertThatThrownBy(
            () ->
                Detection.compute(
                    fixture.columns(), 12, UtilityTest.recording(new ArrayList<>(), 10)))
        .isInstanceOf(Progress.Cancelled.class);
  }
}
