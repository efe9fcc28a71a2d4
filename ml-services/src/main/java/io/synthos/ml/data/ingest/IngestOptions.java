package io.synthos.ml.data.ingest;

import java.util.Map;

/**
 * What the caller knows about a file: its format, optionally its delimiter, and column types that
 * override inference.
 *
 * @param format the file's format
 * @param delimiter the CSV delimiter, or {@code null} to sniff it (ignored for TSV and JSON Lines)
 * @param overrides column name to forced type; values that do not parse are counted as invalid
 * @param limits bounds for this ingest
 */
public record IngestOptions(
    SourceFormat format,
    Character delimiter,
    Map<String, ColumnType> overrides,
    IngestLimits limits) {

  public IngestOptions {
    if (format == null) {
      throw new IllegalArgumentException("format is required");
    }
    overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    limits = limits == null ? IngestLimits.defaults() : limits;
  }

  /** Options for {@code format} with a sniffed delimiter, no overrides and default limits. */
  public static IngestOptions of(SourceFormat format) {
    return new IngestOptions(format, null, Map.of(), IngestLimits.defaults());
  }

  /** These options with {@code overrides} instead. */
  public IngestOptions withOverrides(Map<String, ColumnType> overrides) {
    return new IngestOptions(format, delimiter, overrides, limits);
  }

  /** These options with {@code limits} instead. */
  public IngestOptions withLimits(IngestLimits limits) {
    return new IngestOptions(format, delimiter, overrides, limits);
  }

  /** These options with an explicit CSV {@code delimiter}. */
  public IngestOptions withDelimiter(char delimiter) {
    return new IngestOptions(format, delimiter, overrides, limits);
  }
}
