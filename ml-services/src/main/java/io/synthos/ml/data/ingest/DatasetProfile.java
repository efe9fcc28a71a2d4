package io.synthos.ml.data.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The profile of one ingested file.
 *
 * @param format the format it was read as
 * @param delimiter the CSV/TSV delimiter used (sniffed or given), or null for JSON Lines
 * @param rows data rows (the header excluded)
 * @param bytes bytes read: the size of the original file
 * @param sha256 hex SHA-256 of the original bytes
 * @param columns one profile per column, in file order (JSON Lines: first-seen key order)
 */
public record DatasetProfile(
    SourceFormat format,
    Character delimiter,
    long rows,
    long bytes,
    String sha256,
    List<ColumnProfile> columns) {

  public DatasetProfile {
    columns = List.copyOf(columns);
  }

  /** The profile of the column labelled {@code name}. */
  public ColumnProfile column(String name) {
    return columns.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no column " + name));
  }

  /** This profile as JSON with snake_case keys. */
  public JsonObject toJson() {
    JsonArray profiles = new JsonArray();
    columns.forEach(c -> profiles.add(c.toJson()));
    return new JsonObject()
        .put("format", format.name().toLowerCase(java.util.Locale.ROOT))
        .put("delimiter", delimiter == null ? null : delimiter.toString())
        .put("rows", rows)
        .put("columns", columns.size())
        .put("bytes", bytes)
        .put("sha256", sha256)
        .put("column_profiles", profiles);
  }
}
