package io.synthos.ml.data.ingest;

import java.util.Optional;
import java.util.OptionalLong;

/** A file that cannot be ingested, with a message fit for the user who uploaded it. */
public final class IngestException extends RuntimeException {

  /** What is wrong with the file; stable, for mapping to API error codes. */
  public enum Kind {
    EMPTY,
    NO_ROWS,
    RAGGED_ROW,
    INVALID_UTF8,
    BINARY,
    DUPLICATE_COLUMN,
    BLANK_COLUMN,
    TOO_MANY_COLUMNS,
    LINE_TOO_LONG,
    RECORD_TOO_LONG,
    MALFORMED,
    UNREADABLE
  }

  private final Kind kind;
  private final long line;
  private final String column;

  IngestException(Kind kind, long line, String column, String message) {
    super(message);
    this.kind = kind;
    this.line = line;
    this.column = column;
  }

  IngestException(Kind kind, long line, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.line = line;
    this.column = null;
  }

  static IngestException at(Kind kind, long line, String message) {
    return new IngestException(kind, line, null, "line " + line + ": " + message);
  }

  /** What is wrong. */
  public Kind kind() {
    return kind;
  }

  /** The 1-based physical line the problem is on, when it is on one. */
  public OptionalLong line() {
    return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
  }

  /** The column the problem concerns, when it concerns one. */
  public Optional<String> column() {
    return Optional.ofNullable(column);
  }
}
