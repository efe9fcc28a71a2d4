package io.synthos.ml.stats.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Fidelity")
class FidelityTest {

  @Test
  @DisplayName("identical real and synthetic data score 1 everywhere")
  void identicalScoresOne() {
    List<MatchedColumn> columns = new ArrayList<>();
    for (MatchedColumn column : Fixtures.columns(Fixtures.load("mixed"))) {
      columns.add(
          new MatchedColumn(
              column.name(),
              column.kind(),
              column.real(),
              column.real(),
              null,
              column.categories()));
    }

    JsonObject section = Fidelity.compute(columns, Progress.NONE);

    assertThat(section.getDouble("score")).isEqualTo(1.0);
    for (Object item : section.getJsonObject("column_shapes").getJsonArray("columns")) {
      JsonObject shape = (JsonObject) item;
      assertThat(shape.getDouble("score")).as(shape.getString("column")).isEqualTo(1.0);
      if (shape.containsKey("wasserstein")) {
        assertThat(shape.getDouble("wasserstein")).isZero();
      } else {
        assertThat(shape.getDouble("js_distance")).isZero();
      }
    }
    for (Object item : section.getJsonObject("column_pair_trends").getJsonArray("pairs")) {
      JsonObject pair = (JsonObject) item;
      assertThat(pair.getDouble("score")).as(pair.getJsonArray("columns").encode()).isEqualTo(1.0);
    }
  }

  @Test
  @DisplayName("a column or pair with a reason has no score and is left out of the means")
  void reasonsAreLeftOutOfMeans() {
    MatchedColumn good = numeric("good", new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 5});
    MatchedColumn empty =
        numeric(
            "empty",
            new double[] {1, 2, 3, 4},
            new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});

    JsonObject section = Fidelity.compute(List.of(good, empty), Progress.NONE);

    JsonObject shapes = section.getJsonObject("column_shapes");
    JsonArray columns = shapes.getJsonArray("columns");
    assertThat(columns.getJsonObject(1).getValue("score")).isNull();
    assertThat(columns.getJsonObject(1).getString("reason"))
        .isEqualTo("no non-missing synthetic values");
    assertThat(columns.getJsonObject(1).getDouble("missing_synthetic")).isEqualTo(1.0);
    assertThat(shapes.getDouble("score")).isEqualTo(columns.getJsonObject(0).getDouble("score"));
    JsonObject trends = section.getJsonObject("column_pair_trends");
    assertThat(trends.getJsonArray("pairs").getJsonObject(0).getString("reason"))
        .isEqualTo("fewer than 2 synthetic rows with both values");
    assertThat(trends.getValue("score")).isNull();
    assertThat(section.getDouble("score")).isEqualTo(shapes.getDouble("score"));
  }

  @Test
  @DisplayName("the score is the mean of the column-shape and pair-trend means")
  void scoreIsMeanOfMeans() {
    JsonObject section = Fidelity.compute(Fixtures.columns(Fixtures.load("mixed")), Progress.NONE);

    double shapes = section.getJsonObject("column_shapes").getDouble("score");
    double pairs = section.getJsonObject("column_pair_trends").getDouble("score");
    assertThat(section.getDouble("score")).isCloseTo((shapes + pairs) / 2, within(1e-15));
  }

  @Test
  @DisplayName("a cancelled caller stops the computation with Progress.Cancelled")
  void cancellationStops() {
    AtomicInteger reports = new AtomicInteger();
    Progress progress =
        new Progress() {
          @Override
          public void report(String section, double fraction) {
            assertThat(section).isEqualTo("fidelity");
            assertThat(fraction).isBetween(0.0, 1.0);
            reports.incrementAndGet();
          }

          @Override
          public boolean cancelled() {
            return reports.get() >= 3;
          }
        };

    assertThatThrownBy(() -> Fidelity.compute(Fixtures.columns(Fixtures.load("mixed")), progress))
        .isInstanceOf(Progress.Cancelled.class);
    assertThat(reports.get()).isEqualTo(3);
  }

  @Test
  @DisplayName("progress reaches 1 when the section is done")
  void progressReachesOne() {
    List<Double> fractions = new ArrayList<>();
    Progress progress =
        new Progress() {
          @Override
          public void report(String section, double fraction) {
            fractions.add(fraction);
          }

          @Override
          public boolean cancelled() {
            return false;
          }
        };

    Fidelity.compute(Fixtures.columns(Fixtures.load("ties")), progress);

    assertThat(fractions).isSorted().hasSize(4 + 6);
    assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
  }

  @Test
  @DisplayName("large categorical pairs are counted by sorting and agree with the dense count")
  void sparseTablesAgree() {
    int rows = 5000;
    int categories = 3000; // 3001 x 3001 cells: beyond the dense limit
    int[] realA = new int[rows];
    int[] realB = new int[rows];
    int[] synA = new int[rows];
    int[] synB = new int[rows];
    java.util.Random random = new java.util.Random(5);
    for (int row = 0; row < rows; row++) {
      realA[row] = random.nextInt(categories + 1) - 1;
      realB[row] = (realA[row] + random.nextInt(3)) % categories;
      synA[row] = random.nextInt(categories + 1) - 1;
      synB[row] = (synA[row] + random.nextInt(4)) % categories;
    }
    List<String> labels = new ArrayList<>();
    for (int c = 0; c < categories; c++) {
      labels.add("c" + c);
    }
    MatchedColumn a = coded("a", realA, synA, labels);
    MatchedColumn b = coded("b", realB, synB, labels);

    double score =
        Fidelity.compute(List.of(a, b), Progress.NONE)
            .getJsonObject("column_pair_trends")
            .getDouble("score");

    assertThat(score).isCloseTo(1 - bruteForceDistance(realA, realB, synA, synB), within(1e-12));
  }

  @Test
  @DisplayName("columns of one dataset with different row counts are refused")
  void rowCountsMustAgree() {
    MatchedColumn a = numeric("a", new double[] {1, 2}, new double[] {1, 2});
    MatchedColumn b = numeric("b", new double[] {1, 2, 3}, new double[] {1, 2});

    assertThatThrownBy(() -> Fidelity.compute(List.of(a, b), Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row count");
  }

  private static double bruteForceDistance(int[] realA, int[] realB, int[] synA, int[] synB) {
    java.util.Map<Long, double[]> cells = new java.util.HashMap<>();
    for (int row = 0; row < realA.length; row++) {
      cells.computeIfAbsent(realA[row] * 100_000L + realB[row], k -> new double[2])[0]++;
    }
    for (int row = 0; row < synA.length; row++) {
      cells.computeIfAbsent(synA[row] * 100_000L + synB[row], k -> new double[2])[1]++;
    }
    double sum = 0;
    for (double[] counts : cells.values()) {
      sum += Math.abs(counts[0] / realA.length - counts[1] / synA.length);
    }
    return sum / 2;
  }

  private static MatchedColumn numeric(String name, double[] real, double[] synthetic) {
    return new MatchedColumn(
        name,
        Column.Kind.NUMERIC,
        Column.numeric(name, Column.Kind.NUMERIC, real),
        Column.numeric(name, Column.Kind.NUMERIC, synthetic),
        null,
        List.of());
  }

  private static MatchedColumn coded(
      String name, int[] real, int[] synthetic, List<String> categories) {
    return new MatchedColumn(
        name,
        Column.Kind.CATEGORICAL,
        Column.coded(name, Column.Kind.CATEGORICAL, real),
        Column.coded(name, Column.Kind.CATEGORICAL, synthetic),
        null,
        categories);
  }
}
