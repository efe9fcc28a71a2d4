package io.synthos.ml.data.ingest;

/** The text formats the ingest engine reads. */
public enum SourceFormat {
  /** RFC 4180 delimited text; the delimiter is sniffed unless given. */
  CSV,
  /** Tab-separated values (RFC 4180 quoting, tab delimiter). */
  TSV,
  /** One JSON object per line; keys are columns. */
  JSON_LINES
}
