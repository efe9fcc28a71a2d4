package io.synthos.ml.stats.learn;

import io.synthos.ml.TestResources;
import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** A dataset written by {@code validation/learn/make_fixtures.py}, with the reference's answers. */
record LearnFixture(
    String name, long seed, String target, List<MatchedColumn> columns, JsonObject expected) {

  static final List<String> NAMES =
      List.of("separable", "noisy3", "regression", "identical", "shuffled");

  static LearnFixture load(String name) {
    JsonObject json = TestResources.json("/validation/learn/" + name + ".json");
    List<MatchedColumn> columns = new ArrayList<>();
    for (Object item : json.getJsonArray("columns")) {
      JsonObject column = (JsonObject) item;
      Column.Kind kind = Column.Kind.valueOf(column.getString("kind"));
      String columnName = column.getString("name");
      List<String> categories =
          column.getJsonArray("categories").stream().map(String.class::cast).toList();
      columns.add(
          new MatchedColumn(
              columnName,
              kind,
              column(columnName, kind, column.getJsonArray("real")),
              column(columnName, kind, column.getJsonArray("synthetic")),
              column(columnName, kind, column.getJsonArray("holdout")),
              categories));
    }
    return new LearnFixture(
        name,
        json.getLong("seed"),
        json.getString("target"),
        columns,
        json.getJsonObject("expected"));
  }

  private static Column column(String name, Column.Kind kind, JsonArray values) {
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

  MatchedColumn targetColumn() {
    return columns.stream().filter(c -> c.name().equals(target)).findFirst().orElseThrow();
  }

  List<MatchedColumn> features() {
    return columns.stream().filter(c -> !c.name().equals(target)).toList();
  }

  @Override
  public String toString() {
    return name;
  }
}
