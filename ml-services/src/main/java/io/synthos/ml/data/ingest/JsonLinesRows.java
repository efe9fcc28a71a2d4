package io.synthos.ml.data.ingest;

import io.synthos.ml.data.ingest.IngestException.Kind;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Map;

/**
 * Reads JSON Lines: one object per line, blank lines skipped. Columns are the union of keys in
 * first-seen order; a key absent from a row is a missing value. Scalars become their JSON text;
 * nested objects and arrays are kept as compact JSON strings (so they profile as text).
 */
final class JsonLinesRows {

  private JsonLinesRows() {}

  static void read(BufferedReader text, RowProfiler profiler) throws IOException {
    long line = 0;
    String current;
    while ((current = text.readLine()) != null) {
      line++;
      if (current.isBlank()) {
        continue;
      }
      JsonObject object = parse(current, line);
      if (profiler.rows() == 0 && profiler.columnCount() == 0) {
        profiler.header(new ArrayList<>(object.fieldNames()), line);
      }
      String[] values = new String[profiler.columnCount() + object.size()];
      for (Map.Entry<String, Object> field : object) {
        int at = profiler.columnFor(field.getKey(), line);
        values[at] = text(field.getValue());
      }
      profiler.row(values);
    }
    if (profiler.rows() == 0) {
      throw new IngestException(Kind.EMPTY, 0, null, "the file is empty: no JSON objects");
    }
  }

  private static JsonObject parse(String text, long line) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("{")) {
      throw IngestException.at(Kind.MALFORMED, line, "expected a JSON object (one per line)");
    }
    try {
      return new JsonObject(trimmed);
    } catch (DecodeException e) {
      throw new IngestException(
          Kind.MALFORMED, line, "line " + line + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof JsonObject object) {
      return object.encode();
    }
    if (value instanceof JsonArray array) {
      return array.encode();
    }
    return value.toString();
  }
}
