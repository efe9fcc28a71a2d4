package io.synthos.ml.stats.collapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.Gone;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PRDC")
class PrdcTest {

  @Test
  @DisplayName("k below 1 or not below the rows of either side is refused with a clear message")
  void refusesBadK() {
    List<MatchedColumn> columns = random(5, 8, 1);
    for (int k : new int[] {0, -1, 5, 8}) {
      assertThatThrownBy(() -> Prdc.compute(columns, k, 1, Progress.NONE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("k must be below the rows of each side");
    }
    assertThat(Prdc.compute(columns, 4, 1, Progress.NONE).getDouble("precision")).isNotNull();
  }

  @Test
  @DisplayName("one thread and several threads give identical figures over many blocks")
  void threadsAgree() {
    List<MatchedColumn> columns = random(700, 1300, 2);
    JsonObject one = Prdc.compute(columns, 5, 1, Progress.NONE);
    assertThat(Prdc.compute(columns, 5, 2, Progress.NONE)).isEqualTo(one);
    assertThat(Prdc.compute(columns, 5, 3, Progress.NONE)).isEqualTo(one);
  }

  @Test
  @DisplayName("progress reaches 1 in the collapse section, and a cancelled caller stops it")
  void reportsAndCancels() {
    List<MatchedColumn> columns = random(300, 300, 3);
    List<Double> fractions = new ArrayList<>();
    Progress recording =
        new Progress() {
          @Override
          public void report(String section, double fraction) {
            assertThat(section).isEqualTo("collapse");
            fractions.add(fraction);
          }

          @Override
          public boolean cancelled() {
            return false;
          }
        };
    Prdc.compute(columns, 3, 1, recording);
    assertThat(fractions).isSorted().last().isEqualTo(1.0);
    Progress gone = Gone.PROGRESS;
    assertThatThrownBy(() -> Prdc.compute(columns, 3, 2, gone))
        .isInstanceOf(Progress.Cancelled.class);
  }

  @Test
  @DisplayName("a synthetic side far from the real one scores 0 everywhere")
  void disjointScoresZero() {
    double[] real = {0, 1, 2, 3, 4, 5};
    double[] synthetic = {100, 101, 102, 103, 104, 105};
    List<MatchedColumn> columns =
        List.of(
            new MatchedColumn(
                "x",
                Column.Kind.NUMERIC,
                Column.numeric("x", Column.Kind.NUMERIC, real),
                Column.numeric("x", Column.Kind.NUMERIC, synthetic),
                null,
                List.of()));
    JsonObject got = Prdc.compute(columns, 2, 1, Progress.NONE);
    assertThat(got)
        .isEqualTo(
            new JsonObject()
                .put("precision", 0.0)
                .put("recall", 0.0)
                .put("density", 0.0)
                .put("coverage", 0.0));
  }

  /** A number with missing values and a category, seeded. */
  private static List<MatchedColumn> random(int realRows, int syntheticRows, long seed) {
    Random random = new Random(seed);
    double[][] numbers = {new double[realRows], new double[syntheticRows]};
    int[][] codes = {new int[realRows], new int[syntheticRows]};
    for (int side = 0; side < 2; side++) {
      for (int i = 0; i < numbers[side].length; i++) {
        numbers[side][i] = random.nextDouble() < 0.05 ? Double.NaN : random.nextGaussian() + side;
        codes[side][i] = random.nextInt(5) - 1;
      }
    }
    return List.of(
        new MatchedColumn(
            "x",
            Column.Kind.NUMERIC,
            Column.numeric("x", Column.Kind.NUMERIC, numbers[0]),
            Column.numeric("x", Column.Kind.NUMERIC, numbers[1]),
            null,
            List.of()),
        new MatchedColumn(
            "c",
            Column.Kind.CATEGORICAL,
            Column.coded("c", Column.Kind.CATEGORICAL, codes[0]),
            Column.coded("c", Column.Kind.CATEGORICAL, codes[1]),
            null,
            List.of("a", "b", "c", "d")));
  }
}
