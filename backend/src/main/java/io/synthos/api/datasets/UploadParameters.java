package io.synthos.api.datasets;

import io.synthos.api.datasets.DatasetUploads.UploadRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what a client says about an upload — name, format, delimiter, size, checksum, column types
 * — from the initiate request's JSON or the one-shot upload's query, with the same rules for both.
 */
final class UploadParameters {

  static final Set<String> FORMATS = Set.of("csv", "tsv", "jsonl");
  static final Set<String> TYPES =
      Set.of("integer", "float", "boolean", "datetime", "categorical", "text");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final int MAX_NAME = 200;

  private UploadParameters() {}

  /** From the initiate request, whose shape the contract has checked. */
  static UploadRequest fromJson(JsonObject body) {
    return of(
        body.getString("name"),
        body.getString("format"),
        body.getString("delimiter"),
        body.getLong("size_bytes"),
        body.getString("sha256"),
        body.getJsonObject("column_types", new JsonObject()));
  }

  /**
   * From the one-shot upload's query; {@code fileName} (a multipart file's name) stands in for a
   * missing {@code name}. @throws IllegalArgumentException naming what is wrong
   */
  static UploadRequest fromQuery(MultiMap query, String fileName) {
    String name = query.get("name");
    if (name == null || name.isBlank()) {
      name = fileName;
    }
    return of(
        name,
        query.get("format"),
        query.get("delimiter"),
        null,
        query.get("sha256"),
        new JsonObject());
  }

  private static UploadRequest of(
      String name,
      String format,
      String delimiter,
      Long sizeBytes,
      String sha256,
      JsonObject columnTypes) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          "name is required: 1 to " + MAX_NAME + " characters (a label, never a path)");
    }
    if (format != null && !FORMATS.contains(format)) {
      throw new IllegalArgumentException("format must be csv, tsv or jsonl");
    }
    String resolved = UploadRequest.formatFor(format, name);
    if (delimiter != null && (delimiter.length() != 1 || !"csv".equals(resolved))) {
      throw new IllegalArgumentException("delimiter is one character, and only for csv");
    }
    if (sizeBytes != null && sizeBytes < 1) {
      throw new IllegalArgumentException("size_bytes must be at least 1");
    }
    if (sha256 != null && !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
    }
    columnTypes.forEach(
        entry -> {
          if (!TYPES.contains(String.valueOf(entry.getValue()))) {
            throw new IllegalArgumentException(
                "column_types[\"" + entry.getKey() + "\"] must be one of " + TYPES);
          }
        });
    return new UploadRequest(name.strip(), resolved, delimiter, sizeBytes, sha256, columnTypes);
  }
}
