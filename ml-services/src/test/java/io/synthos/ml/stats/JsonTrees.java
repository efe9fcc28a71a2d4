package io.synthos.ml.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Compares a computed report with a reference's, for the tests against numpy/scipy fixtures. */
public final class JsonTrees {

  private JsonTrees() {}

  /**
   * Walks both trees: the same keys, the same strings, booleans and nulls, and numbers within
   * {@code tolerance} relative to the expected value (absolute below 1); {@code path} names the
   * place that differs.
   */
  public static void assertSame(String path, Object actual, Object expected, double tolerance) {
    if (expected instanceof JsonObject want) {
      assertThat(actual).as(path).isInstanceOf(JsonObject.class);
      JsonObject got = (JsonObject) actual;
      assertThat(got.fieldNames()).as(path).containsExactlyInAnyOrderElementsOf(want.fieldNames());
      for (String key : want.fieldNames()) {
        assertSame(path + "." + key, got.getValue(key), want.getValue(key), tolerance);
      }
    } else if (expected instanceof JsonArray want) {
      assertThat(actual).as(path).isInstanceOf(JsonArray.class);
      JsonArray got = (JsonArray) actual;
      assertThat(got.size()).as(path).isEqualTo(want.size());
      for (int i = 0; i < want.size(); i++) {
        assertSame(path + "[" + i + "]", got.getValue(i), want.getValue(i), tolerance);
      }
    } else if (expected instanceof Number want) {
      assertThat(actual).as(path).isInstanceOf(Number.class);
      double wanted = want.doubleValue();
      double allowed = tolerance * Math.max(1, Math.abs(wanted));
      assertThat(((Number) actual).doubleValue()).as(path).isCloseTo(wanted, within(allowed));
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }
}
