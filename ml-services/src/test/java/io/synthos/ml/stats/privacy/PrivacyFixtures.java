package io.synthos.ml.stats.privacy;

import io.synthos.ml.TestResources;
import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Reads the fixtures written by {@code validation/privacy/make_fixtures.py}. */
record PrivacyFixtures(List<MatchedColumn> columns, List<Column> baseline, JsonObject expected) {

  static PrivacyFixtures load(String name) {
    JsonObject fixture = TestResources.json("/validation/privacy/" + name + ".json");
    List<MatchedColumn> columns = new ArrayList<>();
    List<Column> baseline = new ArrayList<>();
    JsonArray baselineValues = fixture.getJsonArray("baseline");
    for (int j = 0; j < fixture.getJsonArray("columns").size(); j++) {
      JsonObject column = fixture.getJsonArray("columns").getJsonObject(j);
      String columnName = column.getString("name");
      Column.Kind kind = Column.Kind.valueOf(column.getString("kind"));
      List<String> categories =
          column.getJsonArray("categories").stream().map(String::valueOf).toList();
      columns.add(
          new MatchedColumn(
              columnName,
              kind,
              column(columnName, kind, column.getJsonArray("real")),
              column(columnName, kind, column.getJsonArray("synthetic")),
              column(columnName, kind, column.getJsonArray("holdout")),
              categories));
      baseline.add(column(columnName, kind, baselineValues.getJsonArray(j)));
    }
    return new PrivacyFixtures(columns, baseline, fixture.getJsonObject("expected"));
  }

  static Column column(String name, Column.Kind kind, JsonArray values) {
    if (values == null) {
      return null;
    }
    if (kind.numeric()) {
      double[] numbers = new double[values.size()];
      for (int i = 0; i < numbers.length; i++) {
        Number value = (Number) values.getValue(i);
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
