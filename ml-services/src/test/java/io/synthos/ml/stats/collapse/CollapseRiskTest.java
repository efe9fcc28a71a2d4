package io.synthos.ml.stats.collapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.ml.stats.collapse.CollapseRisk.Thresholds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Collapse risk")
class CollapseRiskTest {

  @ParameterizedTest(name = "{0} = {1} -> {2}")
  @CsvSource({
    "coverage, 0.49, high, coverage 0.49 < 0.5",
    "coverage, 0.5, medium, coverage 0.5 < 0.8",
    "coverage, 0.79, medium, coverage 0.79 < 0.8",
    "coverage, 0.8, none, ",
    "variance_ratio, 0.49, high, variance_ratio 0.49 < 0.5",
    "variance_ratio, 0.79, medium, variance_ratio 0.79 < 0.8",
    "variance_ratio, 0.8, none, ",
    "tail_ratio, 0.24, high, tail_ratio 0.24 < 0.25",
    "tail_ratio, 0.25, medium, tail_ratio 0.25 < 0.6",
    "tail_ratio, 0.6, none, ",
    "category_coverage, 0.69, high, category_coverage 0.69 < 0.7",
    "category_coverage, 0.89, medium, category_coverage 0.89 < 0.9",
    "category_coverage, 0.9, none, ",
  })
  @DisplayName("each signal below its bound raises the risk and names itself")
  void thresholds(String signal, double value, String risk, String reason) {
    JsonObject generation = healthy();
    if (signal.equals("coverage")) {
      generation.put("coverage", value);
    } else {
      generation.getJsonObject("medians").put(signal, value);
    }

    JsonObject result = assess(generation);

    assertThat(result.getString("risk")).isEqualTo(risk);
    assertThat(result.getJsonArray("reasons"))
        .isEqualTo(reason == null ? new JsonArray() : new JsonArray().add(reason));
    assertThat(result.getInteger("first_collapsed_generation"))
        .isEqualTo(risk.equals("none") ? null : 1);
  }

  @Test
  @DisplayName("high risk lists every signal past its high bound")
  void severalReasons() {
    JsonObject generation = healthy().put("coverage", 0.3);
    generation.getJsonObject("medians").put("tail_ratio", 0.1).put("variance_ratio", 0.7);

    JsonObject result = assess(generation);

    assertThat(result.getString("risk")).isEqualTo("high");
    assertThat(result.getJsonArray("reasons"))
        .isEqualTo(new JsonArray().add("coverage 0.3 < 0.5").add("tail_ratio 0.1 < 0.25"));
  }

  @Test
  @DisplayName("null or absent signals never trigger")
  void nulls() {
    JsonObject generation =
        new JsonObject()
            .put("medians", new JsonObject().putNull("variance_ratio").putNull("tail_ratio"));

    JsonObject result = assess(generation, generation.copy(), generation.copy());

    assertThat(result.getString("risk")).isEqualTo("none");
    assertThat(result.getJsonArray("reasons")).isEmpty();
    assertThat(result.getValue("first_collapsed_generation")).isNull();
  }

  @Test
  @DisplayName("a signal falling strictly over three generations by more than 10% is low risk")
  void fallingTrend() {
    JsonObject result =
        assess(withVariance(1.2), withVariance(1.0), withVariance(0.95), withVariance(0.9));

    assertThat(result.getString("risk")).isEqualTo("low");
    assertThat(result.getJsonArray("reasons"))
        .containsExactly("variance_ratio 0.9 fell from 1.2 over 4 generations, more than 10%");
    assertThat(result.getValue("first_collapsed_generation")).isNull();
  }

  @Test
  @DisplayName("a fall of at most 10% is no risk")
  void smallFall() {
    assertThat(assess(withVariance(1.0), withVariance(0.95), withVariance(0.9)).getString("risk"))
        .isEqualTo("none");
    assertThat(assess(withVariance(1.0), withVariance(0.95), withVariance(0.89)).getString("risk"))
        .isEqualTo("low");
  }

  @Test
  @DisplayName("two generations, a flat step or a recovery at the end are no trend")
  void notATrend() {
    assertThat(assess(withVariance(1.5), withVariance(0.9)).getString("risk")).isEqualTo("none");
    assertThat(
            assess(withVariance(1.5), withVariance(1.2), withVariance(1.2), withVariance(0.9))
                .getString("risk"))
        .isEqualTo("none");
    assertThat(
            assess(withVariance(1.5), withVariance(1.2), withVariance(0.9), withVariance(1.0))
                .getString("risk"))
        .isEqualTo("none");
  }

  @Test
  @DisplayName("a null in the middle breaks a trend")
  void nullBreaksTrend() {
    JsonObject gap = healthy();
    gap.getJsonObject("medians").putNull("variance_ratio");

    assertThat(
            assess(withVariance(1.5), gap, withVariance(1.2), withVariance(0.9)).getString("risk"))
        .isEqualTo("none");
  }

  @Test
  @DisplayName("the risk is the last generation's; the first collapsed generation is kept")
  void firstCollapsed() {
    JsonObject result = assess(healthy(), withVariance(0.7), withVariance(0.4), withVariance(1.0));

    assertThat(result.getString("risk")).isEqualTo("none");
    assertThat(result.getInteger("first_collapsed_generation")).isEqualTo(2);
  }

  @Test
  @DisplayName("no generations is no risk")
  void empty() {
    JsonObject result = CollapseRisk.assess(List.of(), Thresholds.DEFAULTS);

    assertThat(result.getString("risk")).isEqualTo("none");
    assertThat(result.getValue("first_collapsed_generation")).isNull();
  }

  @Test
  @DisplayName("thresholds with a high bound above its medium bound are refused")
  void badThresholds() {
    assertThatThrownBy(() -> new Thresholds(0.9, 0.5, 0.25, 0.7, 0.8, 0.8, 0.6, 0.9, 3, 0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Thresholds(0.5, 0.5, 0.25, 0.7, 0.8, 0.8, 0.6, 0.9, 1, 0.1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonObject assess(JsonObject... generations) {
    return CollapseRisk.assess(List.of(generations), Thresholds.DEFAULTS);
  }

  private static JsonObject healthy() {
    return new JsonObject()
        .put("coverage", 0.95)
        .put(
            "medians",
            new JsonObject()
                .put("variance_ratio", 1.0)
                .put("tail_ratio", 1.0)
                .put("category_coverage", 1.0)
                .put("entropy_ratio", 0.5));
  }

  private static JsonObject withVariance(double value) {
    JsonObject generation = healthy();
    generation.getJsonObject("medians").put("variance_ratio", value);
    return generation;
  }
}
