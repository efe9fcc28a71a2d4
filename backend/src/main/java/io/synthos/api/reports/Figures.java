package io.synthos.api.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A section's figures as label/value rows, whatever its shape: nested objects become "dcr › median
 * synthetic", lists of values one row, lists of objects one row per item. So a section the page has
 * no special view for (quality, or one added later) still shows everything it says.
 */
final class Figures {

  /** A label and its value as the page prints them. */
  record Figure(String label, String value) {}

  private static final String NESTED = " › ";

  private Figures() {}

  /**
   * The rows of {@code section}, its own {@code score} and the keys in {@code drawn} at any depth
   * (shown elsewhere on the page) left out; beyond {@code cap} rows, one last row says how many
   * more.
   */
  static List<Figure> of(JsonObject section, Set<String> drawn, int cap) {
    List<Figure> rows = new ArrayList<>();
    for (String key : section.fieldNames()) {
      if (!key.equals("score")) {
        add(rows, Formats.words(key), key, section.getValue(key), drawn);
      }
    }
    if (rows.size() <= cap) {
      return rows;
    }
    List<Figure> kept = new ArrayList<>(rows.subList(0, cap));
    kept.add(new Figure("…", (rows.size() - cap) + " more rows not shown"));
    return kept;
  }

  private static void add(
      List<Figure> rows, String label, String key, Object value, Set<String> drawn) {
    if (drawn.contains(key)) {
      return;
    }
    if (value instanceof JsonObject object) {
      for (String child : object.fieldNames()) {
        add(rows, label + NESTED + Formats.words(child), child, object.getValue(child), drawn);
      }
    } else if (value instanceof JsonArray array && array.stream().anyMatch(Figures::structured)) {
      for (int i = 0; i < array.size(); i++) {
        rows.add(new Figure(label + " " + (i + 1), text(array.getValue(i))));
      }
    } else {
      rows.add(new Figure(label, text(value)));
    }
  }

  /** One value as one line: objects as "key: value, …", lists as "a, b, …". */
  static String text(Object value) {
    if (value == null) {
      return Formats.NONE;
    }
    if (value instanceof Number number) {
      return Formats.figure(number);
    }
    if (value instanceof Boolean flag) {
      return flag ? "yes" : "no";
    }
    if (value instanceof JsonObject object) {
      List<String> parts = new ArrayList<>();
      object.forEach(
          entry -> parts.add(Formats.words(entry.getKey()) + ": " + text(entry.getValue())));
      return String.join(", ", parts);
    }
    if (value instanceof JsonArray array) {
      List<String> parts = new ArrayList<>();
      array.forEach(item -> parts.add(text(item)));
      return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
    return value.toString();
  }

  private static boolean structured(Object value) {
    return value instanceof JsonObject || value instanceof JsonArray;
  }
}
