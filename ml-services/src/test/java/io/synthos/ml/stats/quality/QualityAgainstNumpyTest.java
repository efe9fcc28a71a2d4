package io.synthos.ml.stats.quality;

import io.synthos.ml.TestResources;
import io.synthos.ml.common.RawColumn;
import io.synthos.ml.stats.JsonTrees;
import io.synthos.ml.stats.Progress;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holds the quality section to the numpy reference written by {@code
 * validation/quality/make_fixtures.py}.
 */
@DisplayName("The quality section against the numpy reference")
class QualityAgainstNumpyTest {

  private static final Set<String> NUMERIC_TYPES =
      Set.of("integer", "float", "datetime", "boolean");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mixed", "clean", "copies"})
  @DisplayName("every count, share, flag, issue and the score equal the reference's")
  void matchesReference(String dataset) {
    JsonObject fixture = load(dataset);

    JsonObject quality = Quality.compute(columns(fixture), Progress.NONE);

    JsonTrees.assertSame(dataset, quality, fixture.getJsonObject("expected"), 1e-12);
  }

  private static JsonObject load(String dataset) {
    return TestResources.json("/validation/quality/" + dataset + ".json");
  }

  /** The columns as the data service would send them: numbers with NaN, strings with null. */
  private static List<RawColumn> columns(JsonObject fixture) {
    List<RawColumn> columns = new ArrayList<>();
    for (Object item : fixture.getJsonArray("columns")) {
      JsonObject spec = (JsonObject) item;
      String type = spec.getString("type");
      JsonArray values = spec.getJsonArray("values");
      if (NUMERIC_TYPES.contains(type)) {
        double[] numbers = new double[values.size()];
        for (int i = 0; i < numbers.length; i++) {
          Number value = values.getNumber(i);
          numbers[i] = value == null ? Double.NaN : value.doubleValue();
        }
        columns.add(new RawColumn(spec.getString("name"), type, numbers, null));
      } else {
        String[] strings = new String[values.size()];
        for (int i = 0; i < strings.length; i++) {
          strings[i] = values.getString(i);
        }
        columns.add(new RawColumn(spec.getString("name"), type, null, strings));
      }
    }
    return columns;
  }
}
