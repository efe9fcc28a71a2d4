package io.synthos.ml.data.columns;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code columns.json}: the row count and, per column, its name, type and file. Numeric files hold
 * one 8-byte big-endian double per row (NaN = missing); string files hold per row a 4-byte
 * big-endian length and that many UTF-8 bytes (length -1 = missing).
 */
public record ColumnManifest(long rows, List<Entry> columns) {

  static final String FILE = "columns.json";
  static final int VERSION = 1;

  /** One column: {@code numeric} selects the double encoding, else length-prefixed UTF-8. */
  public record Entry(String name, String type, String file, boolean numeric) {}

  public ColumnManifest {
    columns = List.copyOf(columns);
  }

  void write(Path directory) throws IOException {
    JsonArray entries = new JsonArray();
    for (Entry e : columns) {
      entries.add(
          new JsonObject()
              .put("name", e.name())
              .put("type", e.type())
              .put("file", e.file())
              .put("encoding", e.numeric() ? "f64be" : "utf8-len32be"));
    }
    JsonObject json =
        new JsonObject().put("version", VERSION).put("rows", rows).put("columns", entries);
    Files.writeString(directory.resolve(FILE), json.encodePrettily());
  }

  /** Reads the manifest of an ingest directory. */
  public static ColumnManifest read(Path directory) throws IOException {
    JsonObject json = new JsonObject(Files.readString(directory.resolve(FILE)));
    if (json.getInteger("version", 0) != VERSION) {
      throw new IOException("unsupported columns.json version in " + directory);
    }
    List<Entry> entries = new ArrayList<>();
    for (Object o : json.getJsonArray("columns")) {
      JsonObject e = (JsonObject) o;
      String file = e.getString("file");
      // The file name becomes a path: accept only what the writer produces.
      if (!file.matches("c[0-9]{1,5}\\.(f64|str)")) {
        throw new IOException("corrupt columns.json in " + directory);
      }
      entries.add(new Entry(e.getString("name"), e.getString("type"), file, file.endsWith(".f64")));
    }
    return new ColumnManifest(json.getLong("rows"), entries);
  }
}
