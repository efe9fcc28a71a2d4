package io.synthos.ml.stats.collapse;

import io.synthos.ml.TestResources;
import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.JsonTrees;
import io.synthos.ml.stats.MatchedColumn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holds the column signals to the numpy reference ({@code
 * bench/reference/collapse_signals_reference.py}) on the fixtures written by {@code
 * validation/collapse/signals/make_fixtures.py}.
 */
@DisplayName("Column signals against the numpy reference")
class ColumnSignalsAgainstNumpyTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"healthy", "collapsed", "degenerate", "duplicates"})
  @DisplayName("every signal, median, null and the duplicate rate equal the reference's")
  void matchesReference(String dataset) {
    JsonObject fixture = load(dataset);

    JsonObject signals = ColumnSignals.compute(columns(fixture));

    JsonTrees.assertSame(dataset, signals, fixture.getJsonObject("expected"), 1e-9);
  }

  private static JsonObject load(String dataset) {
    return TestResources.json("/validation/collapse/signals/" + dataset + ".json");
  }

  private static List<MatchedColumn> columns(JsonObject fixture) {
    List<MatchedColumn> columns = new ArrayList<>();
    for (Object item : fixture.getJsonArray("columns")) {
      JsonObject spec = (JsonObject) item;
      String name = spec.getString("name");
      Column.Kind kind = Column.Kind.valueOf(spec.getString("kind").toUpperCase(Locale.ROOT));
      List<String> categories =
          kind.numeric() ? List.of() : spec.getJsonArray("categories").getList();
      columns.add(
          new MatchedColumn(
              name,
              kind,
              column(name, kind, spec.getJsonArray("real")),
              column(name, kind, spec.getJsonArray("synthetic")),
              null,
              categories));
    }
    return columns;
  }

  private static Column column(String name, Column.Kind kind, JsonArray values) {
    if (kind.numeric()) {
      double[] numbers = new double[values.size()];
      for (int i = 0; i < numbers.length; i++) {
        Number value = values.getNumber(i);
        numbers[i] = value == null ? Double.NaN : value.doubleValue();
      }
      return Column.numeric(name, kind, numbers);
    }
    int[] codes = new int[values.size()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = values.getInteger(i);
    }
    return Column.coded(name, kind, codes);
  }
}
