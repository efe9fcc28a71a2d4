package io.synthos.ml.stats.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.ml.stats.JsonTrees;
import io.synthos.ml.stats.Progress;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holds the fidelity section to the numpy/scipy reference ({@code
 * bench/reference/fidelity_reference.py}) on fixtures written by {@code make_fixtures.py}.
 */
@DisplayName("Fidelity against the numpy/scipy reference")
class FidelityAgainstScipyTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mixed", "ties", "degenerate", "tiny", "wide"})
  @DisplayName("every score, distance, coefficient, reason and key equals the reference's")
  void matchesReference(String dataset) {
    JsonObject fixture = Fixtures.load(dataset);

    JsonObject section = Fidelity.compute(Fixtures.columns(fixture), Progress.NONE);

    JsonTrees.assertSame(dataset, section, fixture.getJsonObject("expected"), 1e-9);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mixed", "ties", "degenerate", "tiny", "wide"})
  @DisplayName(
      "each column's distribution equals numpy.histogram's and the category counts' to 1e-12")
  void distributionsMatchNumpy(String dataset) {
    JsonObject fixture = Fixtures.load(dataset);
    JsonArray expected =
        fixture.getJsonObject("expected").getJsonObject("column_shapes").getJsonArray("columns");

    JsonArray actual =
        Fidelity.compute(Fixtures.columns(fixture), Progress.NONE)
            .getJsonObject("column_shapes")
            .getJsonArray("columns");

    int plotted = 0;
    for (int i = 0; i < expected.size(); i++) {
      JsonObject want = expected.getJsonObject(i);
      String path = dataset + "." + want.getString("column") + ".distribution";
      assertThat(actual.getJsonObject(i).containsKey("distribution"))
          .as(path)
          .isEqualTo(want.containsKey("distribution"));
      if (want.containsKey("distribution")) {
        JsonTrees.assertSame(
            path,
            actual.getJsonObject(i).getValue("distribution"),
            want.getValue("distribution"),
            1e-12);
        plotted++;
      }
    }
    assertThat(plotted).as("columns with a distribution in " + dataset).isPositive();
  }
}
