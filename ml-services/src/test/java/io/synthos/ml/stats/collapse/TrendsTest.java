package io.synthos.ml.stats.collapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Trends")
class TrendsTest {

  @Test
  @DisplayName("the slope of a straight line is its gradient")
  void line() {
    assertThat(Trends.slope(new double[] {1.0, 0.9, 0.8, 0.7})).isCloseTo(-0.1, within(1e-15));
  }

  @Test
  @DisplayName("the slope is the least-squares fit against generations 1..n")
  void leastSquares() {
    // x = 1, 2, 3; y = 1, 3, 2: sxy = (-1)(-1) + 0 + (1)(0) = 1, sxx = 2.
    assertThat(Trends.slope(new double[] {1, 3, 2})).isCloseTo(0.5, within(1e-15));
  }

  @Test
  @DisplayName("missing generations are left out, keeping the others at their own index")
  void gaps() {
    assertThat(Trends.slope(new double[] {1, Double.NaN, 0.6})).isCloseTo(-0.2, within(1e-15));
  }

  @Test
  @DisplayName("fewer than two values have no slope")
  void tooShort() {
    assertThat(Trends.slope(new double[] {})).isNaN();
    assertThat(Trends.slope(new double[] {0.5})).isNaN();
    assertThat(Trends.slope(new double[] {Double.NaN, 0.5})).isNaN();
  }

  @Test
  @DisplayName("of() gives each signal's series, with nulls, and slope")
  void of() {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("variance_ratio", new double[] {1.0, 0.8});
    series.put("coverage", new double[] {Double.NaN});

    JsonObject trends = Trends.of(series);

    assertThat(trends.fieldNames()).containsExactly("variance_ratio", "coverage");
    assertThat(trends.getJsonObject("variance_ratio").getJsonArray("series"))
        .isEqualTo(new JsonArray().add(1.0).add(0.8));
    assertThat(trends.getJsonObject("variance_ratio").getDouble("slope"))
        .isCloseTo(-0.2, within(1e-15));
    assertThat(trends.getJsonObject("coverage").getJsonArray("series"))
        .isEqualTo(new JsonArray().addNull());
    assertThat(trends.getJsonObject("coverage").containsKey("slope")).isTrue();
    assertThat(trends.getJsonObject("coverage").getValue("slope")).isNull();
  }
}
