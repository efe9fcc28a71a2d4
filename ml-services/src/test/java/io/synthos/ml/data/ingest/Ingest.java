package io.synthos.ml.data.ingest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Shorthands for feeding inline text to the ingestor in tests. */
final class Ingest {

  private Ingest() {}

  static DatasetProfile csv(String text) {
    return bytes(text.getBytes(StandardCharsets.UTF_8), IngestOptions.of(SourceFormat.CSV));
  }

  static DatasetProfile csv(String text, Map<String, ColumnType> overrides) {
    return bytes(
        text.getBytes(StandardCharsets.UTF_8),
        IngestOptions.of(SourceFormat.CSV).withOverrides(overrides));
  }

  static DatasetProfile jsonLines(String text) {
    return bytes(text.getBytes(StandardCharsets.UTF_8), IngestOptions.of(SourceFormat.JSON_LINES));
  }

  static DatasetProfile bytes(byte[] bytes, IngestOptions options) {
    return DatasetIngestor.ingest(new ByteArrayInputStream(bytes), options);
  }

  /** The top values of {@code column} as value to count. */
  static Map<String, Long> top(DatasetProfile profile, String column) {
    Map<String, Long> counts = new java.util.LinkedHashMap<>();
    profile.column(column).top().forEach(v -> counts.put(v.value(), v.count()));
    return counts;
  }
}
