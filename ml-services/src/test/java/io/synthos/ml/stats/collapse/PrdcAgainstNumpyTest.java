package io.synthos.ml.stats.collapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthos.ml.TestResources;
import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks PRDC against bench/reference/prdc_reference.py on fixtures from make_fixtures.py. */
@DisplayName("PRDC against the numpy reference")
class PrdcAgainstNumpyTest {

  @ParameterizedTest(name = "{0}, k = {1}")
  @CsvSource({
    "mixed, 1", "mixed, 3", "mixed, 5",
    "continuous, 1", "continuous, 3", "continuous, 5",
    "identical, 1", "identical, 3", "identical, 5",
    "duplicates, 1", "duplicates, 3", "duplicates, 5"
  })
  @DisplayName("every figure equals the reference's within 1e-9")
  void matchesReference(String name, int k) {
    JsonObject fixture = load(name);
    JsonObject got = Prdc.compute(columns(fixture), k, 1, Progress.NONE);
    assertClose(name + " k" + k, got, fixture.getJsonObject("expected").getJsonObject("k" + k));
  }

  @Test
  @DisplayName("a copy without duplicate rows has precision, recall, coverage and density 1")
  void identicalCopyIsPerfect() {
    List<MatchedColumn> columns = columns(load("identical"));
    for (int k : new int[] {1, 3, 5}) {
      JsonObject got = Prdc.compute(columns, k, 1, Progress.NONE);
      assertClose("identical k" + k, got, perfect());
    }
  }

  /**
   * The "duplicates" fixture is also a copy, but its rows come in identical pairs and triples. At k
   * = 1 almost every radius is 0, and the strict d < radius leaves the copy outside every ball:
   * only 1 row of 30 (the first, whose twin was altered) counts. At k = 5 every radius reaches past
   * the duplicates and precision, recall and coverage are back at 1.
   */
  @Test
  @DisplayName("a copy whose rows repeat loses strictness at small k: 1/30 at k = 1, 1 at k = 5")
  void duplicatesBreakStrictness() {
    List<MatchedColumn> columns = columns(load("duplicates"));
    JsonObject one = Prdc.compute(columns, 1, 1, Progress.NONE);
    assertThat(one.getDouble("precision")).isCloseTo(1.0 / 30, within(1e-12));
    assertThat(one.getDouble("recall")).isCloseTo(1.0 / 30, within(1e-12));
    assertThat(one.getDouble("coverage")).isCloseTo(1.0 / 30, within(1e-12));
    JsonObject five = Prdc.compute(columns, 5, 1, Progress.NONE);
    assertThat(five.getDouble("precision")).isEqualTo(1.0);
    assertThat(five.getDouble("recall")).isEqualTo(1.0);
    assertThat(five.getDouble("coverage")).isEqualTo(1.0);
  }

  private static JsonObject perfect() {
    return new JsonObject()
        .put("precision", 1.0)
        .put("recall", 1.0)
        .put("density", 1.0)
        .put("coverage", 1.0);
  }

  static void assertClose(String path, JsonObject got, JsonObject want) {
    assertThat(got.fieldNames()).as(path).containsExactlyInAnyOrderElementsOf(want.fieldNames());
    for (String key : want.fieldNames()) {
      assertThat(got.getDouble(key))
          .as(path + "." + key)
          .isCloseTo(want.getDouble(key), within(1e-9));
    }
  }

  static JsonObject load(String name) {
    return TestResources.json("/validation/collapse/prdc/" + name + ".json");
  }

  static List<MatchedColumn> columns(JsonObject fixture) {
    List<MatchedColumn> columns = new ArrayList<>();
    for (Object entry : fixture.getJsonArray("columns")) {
      JsonObject column = (JsonObject) entry;
      String name = column.getString("name");
      Column.Kind kind = Column.Kind.valueOf(column.getString("kind"));
      List<String> categories =
          column.getJsonArray("categories").stream().map(String::valueOf).toList();
      columns.add(
          new MatchedColumn(
              name,
              kind,
              column(name, kind, column.getJsonArray("real")),
              column(name, kind, column.getJsonArray("synthetic")),
              null,
              categories));
    }
    return columns;
  }

  private static Column column(String name, Column.Kind kind, JsonArray values) {
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
