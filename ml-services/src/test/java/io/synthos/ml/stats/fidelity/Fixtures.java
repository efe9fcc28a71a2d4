package io.synthos.ml.stats.fidelity;

import io.synthos.ml.TestResources;
import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the datasets written by {@code validation/fidelity/make_fixtures.py}. */
final class Fixtures {

  private Fixtures() {}

  static JsonObject load(String dataset) {
    return TestResources.json("/validation/fidelity/" + dataset + ".json");
  }

  static List<MatchedColumn> columns(JsonObject fixture) {
    List<MatchedColumn> columns = new ArrayList<>();
    for (Object item : fixture.getJsonArray("columns")) {
      JsonObject spec = (JsonObject) item;
      String name = spec.getString("name");
      Column.Kind kind = Column.Kind.valueOf(spec.getString("kind").toUpperCase(Locale.ROOT));
      Column real = column(name, kind, spec.getJsonArray("real"));
      Column synthetic = column(name, kind, spec.getJsonArray("synthetic"));
      List<String> categories =
          kind.numeric() ? List.of() : spec.getJsonArray("categories").getList();
      columns.add(new MatchedColumn(name, kind, real, synthetic, null, categories));
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
