package io.synthos.api.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads the report leniently: a value of an unexpected type reads as absent, so the page shows what
 * it can rather than failing on a report of a newer shape.
 */
final class Json {

  private Json() {}

  static JsonObject object(JsonObject parent, String key) {
    return parent != null && parent.getValue(key) instanceof JsonObject child ? child : null;
  }

  static JsonArray array(JsonObject parent, String key) {
    return parent != null && parent.getValue(key) instanceof JsonArray child
        ? child
        : new JsonArray();
  }

  static Number number(JsonObject parent, String key) {
    return parent != null && parent.getValue(key) instanceof Number number ? number : null;
  }

  /** The value as text (numbers and booleans included), or null when absent. */
  static String string(JsonObject parent, String key) {
    Object value = parent == null ? null : parent.getValue(key);
    return value == null ? null : Figures.text(value);
  }

  /** The numbers of {@code array}, {@code missing} for nulls and non-numbers; empty for null. */
  static double[] doubles(JsonArray array, double missing) {
    if (array == null) {
      return new double[0];
    }
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.getValue(i) instanceof Number number ? number.doubleValue() : missing;
    }
    return values;
  }
}
