package io.synthos.ml.stats.collapse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.Column.Kind;
import io.synthos.ml.stats.MatchedColumn;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Column signals")
class ColumnSignalsTest {

  private static final double NAN = Double.NaN;

  @Test
  @DisplayName("a synthetic copy of the reference keeps every signal at 1")
  void identicalIsOne() {
    double[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100};
    JsonObject column =
        firstColumn(ColumnSignals.compute(List.of(numeric("x", values, values.clone()))));

    for (String signal : ColumnSignals.NUMERIC_SIGNALS) {
      assertThat(column.getDouble(signal)).as(signal).isEqualTo(1.0);
    }
  }

  @Test
  @DisplayName("numeric signals follow their definitions, worked by hand")
  void numericByHand() {
    // Real: 0..4 (var 2.5, IQR 2, p1 0.04, p99 3.96 -> 0 and 4 outside: share 2/5).
    // Synthetic: 1, 2, 2, 3 and a missing one (var 2/3, IQR 0.5, nothing outside).
    JsonObject column =
        firstColumn(
            ColumnSignals.compute(
                List.of(
                    numeric("x", new double[] {0, 1, 2, 3, 4}, new double[] {1, 2, NAN, 2, 3}))));

    assertThat(column.getDouble("variance_ratio")).isCloseTo((2.0 / 3) / 2.5, within(1e-15));
    assertThat(column.getDouble("iqr_ratio")).isCloseTo(0.25, within(1e-15));
    assertThat(column.getDouble("tail_ratio")).isEqualTo(0.0);
    assertThat(column.getDouble("range_coverage")).isCloseTo(0.5, within(1e-15));
  }

  @Test
  @DisplayName("categorical signals count covered, rare covered and entropy, ignoring missing")
  void categoricalByHand() {
    int[] real = new int[200];
    real[0] = 2; // one "c" in 200: rare
    real[1] = 1; // one "b": rare too, and kept
    real[2] = -1;
    int[] synthetic = {0, 1, 1, 0, -1};
    JsonObject column =
        firstColumn(
            ColumnSignals.compute(
                List.of(
                    new MatchedColumn(
                        "k",
                        Kind.CATEGORICAL,
                        Column.coded("k", Kind.CATEGORICAL, real),
                        Column.coded("k", Kind.CATEGORICAL, synthetic),
                        null,
                        List.of("a", "b", "c", "d")))));

    assertThat(column.getDouble("category_coverage")).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(column.getDouble("rare_category_coverage")).isEqualTo(0.5);
    double hReal = -(197 * Math.log(197 / 199.0) + 2 * Math.log(1 / 199.0)) / 199;
    assertThat(column.getDouble("entropy_ratio")).isCloseTo(Math.log(2) / hReal, within(1e-12));
  }

  @Test
  @DisplayName("a constant reference column leaves its signals null and out of the medians")
  void constantIsNull() {
    JsonObject signals =
        ColumnSignals.compute(
            List.of(
                numeric("flat", new double[] {3, 3, 3}, new double[] {1, 2, 3, 4, 5}),
                numeric("x", new double[] {0, 1, 2, 3, 4}, new double[] {0, 1, 2, 3, 4})));

    JsonObject flat = firstColumn(signals);
    for (String signal : ColumnSignals.NUMERIC_SIGNALS) {
      assertThat(flat.containsKey(signal)).as(signal).isTrue();
      assertThat(flat.getValue(signal)).as(signal).isNull();
    }
    assertThat(signals.getJsonObject("medians").getDouble("variance_ratio")).isEqualTo(1.0);
    assertThat(signals.getJsonObject("medians").getValue("category_coverage")).isNull();
  }

  @Test
  @DisplayName("duplicate rows count missing as equal to missing and -0.0 as 0.0")
  void duplicates() {
    List<MatchedColumn> columns =
        List.of(
            numeric("x", new double[] {1, 2}, new double[] {NAN, NAN, 0.0, -0.0, 5}),
            new MatchedColumn(
                "k",
                Kind.BOOLEAN,
                Column.coded("k", Kind.BOOLEAN, new int[] {0, 1}),
                Column.coded("k", Kind.BOOLEAN, new int[] {-1, -1, 1, 1, 1}),
                null,
                List.of("false", "true")));

    assertThat(ColumnSignals.compute(columns).getDouble("duplicate_rate")).isEqualTo(0.4);
  }

  @Test
  @DisplayName("synthetic columns of different lengths are refused")
  void raggedRows() {
    List<MatchedColumn> columns =
        List.of(
            numeric("x", new double[] {1, 2}, new double[] {1, 2}),
            numeric("y", new double[] {1, 2}, new double[] {1}));

    assertThatThrownBy(() -> ColumnSignals.compute(columns))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y");
  }

  private static MatchedColumn numeric(String name, double[] real, double[] synthetic) {
    return new MatchedColumn(
        name,
        Kind.NUMERIC,
        Column.numeric(name, Kind.NUMERIC, real),
        Column.numeric(name, Kind.NUMERIC, synthetic),
        null,
        List.of());
  }

  private static JsonObject firstColumn(JsonObject signals) {
    return signals.getJsonArray("columns").getJsonObject(0);
  }
}
