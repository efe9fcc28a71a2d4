package io.synthos.ml.stats.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthos.ml.stats.Progress;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Distributions")
class DistributionsTest {

  @Test
  @DisplayName(
      "bins are closed on the left, the last one on both sides; outsiders are counted apart")
  void histogramBins() {
    double[] real = IntStream.rangeClosed(0, 20).asDoubleStream().toArray();
    double[] synthetic = {-1, 0, 19.5, 20, 21};

    JsonObject histogram = Distributions.histogram(real, synthetic);

    assertThat(histogram.getString("kind")).isEqualTo("histogram");
    assertThat(histogram.getJsonArray("edges").getList())
        .containsExactlyElementsOf(IntStream.rangeClosed(0, 20).mapToObj(i -> (double) i).toList());
    JsonArray realShares = histogram.getJsonArray("real");
    assertThat(realShares.getDouble(0)).isEqualTo(1.0 / 21);
    assertThat(realShares.getDouble(19)).isEqualTo(2.0 / 21);
    JsonArray syntheticShares = histogram.getJsonArray("synthetic");
    assertThat(syntheticShares.getDouble(0)).isEqualTo(0.2);
    assertThat(syntheticShares.getDouble(18)).isZero();
    assertThat(syntheticShares.getDouble(19)).isEqualTo(0.4);
    assertThat(histogram.getDouble("synthetic_below")).isEqualTo(0.2);
    assertThat(histogram.getDouble("synthetic_above")).isEqualTo(0.2);
  }

  @Test
  @DisplayName(
      "a constant real column has one bin [min, min] that holds the synthetic values equal to it")
  void constantColumn() {
    JsonObject histogram =
        Distributions.histogram(new double[] {3, 3, 3}, new double[] {2, 3, 4, 4});

    assertThat(histogram.getJsonArray("edges").getList()).containsExactly(3.0, 3.0);
    assertThat(histogram.getJsonArray("real").getList()).containsExactly(1.0);
    assertThat(histogram.getJsonArray("synthetic").getList()).containsExactly(0.25);
    assertThat(histogram.getDouble("synthetic_below")).isEqualTo(0.25);
    assertThat(histogram.getDouble("synthetic_above")).isEqualTo(0.5);
  }

  @Test
  @DisplayName(
      "categories rank by real count then name; synthetic-only ones follow, unseen ones go")
  void categoryOrder() {
    List<String> labels = List.of("b", "a", "c", "d");

    JsonObject categories =
        Distributions.categories(labels, new long[] {2, 2, 0, 0}, 4, new long[] {1, 0, 3, 0}, 4);

    assertThat(categories.getString("kind")).isEqualTo("categories");
    assertThat(categories.getJsonArray("categories").getList()).containsExactly("a", "b", "c");
    assertThat(categories.getJsonArray("real").getList()).containsExactly(0.5, 0.5, 0.0);
    assertThat(categories.getJsonArray("synthetic").getList()).containsExactly(0.0, 0.25, 0.75);
    assertThat(categories.getDouble("other_real")).isZero();
    assertThat(categories.getDouble("other_synthetic")).isZero();
  }

  @Test
  @DisplayName("beyond 20 categories the least frequent real ones are summed into other")
  void categoryCap() {
    List<String> labels = IntStream.range(0, 25).mapToObj(i -> "k" + (char) ('a' + i)).toList();
    long[] real = new long[25];
    long[] synthetic = new long[25];
    for (int code = 0; code < 25; code++) {
      real[code] = code; // ka is never real, ky the most frequent
      synthetic[code] = 1;
    }

    JsonObject categories = Distributions.categories(labels, real, 300, synthetic, 25);

    assertThat(categories.getJsonArray("categories").getList())
        .hasSize(20)
        .startsWith("ky", "kx")
        .endsWith("kf");
    assertThat(categories.getDouble("other_real")).isEqualTo((0 + 1 + 2 + 3 + 4) / 300.0);
    assertThat(categories.getDouble("other_synthetic")).isEqualTo(5 / 25.0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mixed", "ties", "degenerate", "tiny", "wide"})
  @DisplayName("real shares sum to 1, and synthetic shares with the outsiders or other to 1")
  void sharesSumToOne(String dataset) {
    JsonArray columns =
        Fidelity.compute(Fixtures.columns(Fixtures.load(dataset)), Progress.NONE)
            .getJsonObject("column_shapes")
            .getJsonArray("columns");

    for (Object item : columns) {
      JsonObject shape = (JsonObject) item;
      JsonObject distribution = shape.getJsonObject("distribution");
      if (shape.getValue("score") == null) {
        assertThat(distribution).as(shape.getString("column")).isNull();
        continue;
      }
      boolean histogram = distribution.getString("kind").equals("histogram");
      double realRest = histogram ? 0 : distribution.getDouble("other_real");
      double syntheticRest =
          histogram
              ? distribution.getDouble("synthetic_below")
                  + distribution.getDouble("synthetic_above")
              : distribution.getDouble("other_synthetic");
      assertThat(sum(distribution.getJsonArray("real")) + realRest)
          .as(shape.getString("column"))
          .isCloseTo(1, within(1e-12));
      assertThat(sum(distribution.getJsonArray("synthetic")) + syntheticRest)
          .as(shape.getString("column"))
          .isCloseTo(1, within(1e-12));
    }
  }

  private static double sum(JsonArray shares) {
    double sum = 0;
    for (int i = 0; i < shares.size(); i++) {
      sum += shares.getDouble(i);
    }
    return sum;
  }
}
