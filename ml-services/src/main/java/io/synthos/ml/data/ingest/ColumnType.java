package io.synthos.ml.data.ingest;

/** The type an ingested column is profiled as. */
public enum ColumnType {
  /** Whole numbers that fit a signed 64-bit long, without leading zeros. */
  INTEGER,
  /** Decimal or scientific numbers, and integers too large for a long. */
  FLOAT,
  /** {@code true/false/yes/no}, case-insensitive; 0/1 stay {@link #INTEGER}. */
  BOOLEAN,
  /**
   * One of the {@link DateFormat}s, the same one for the whole column; profiled as epoch seconds.
   */
  DATETIME,
  /** Strings with repeated values: profiled by their most frequent values. */
  CATEGORICAL,
  /** Strings where nearly every value is distinct (identifiers, free text). */
  TEXT;

  /** Whether values of this type are profiled with numeric statistics. */
  public boolean numeric() {
    return this == INTEGER || this == FLOAT || this == DATETIME;
  }

  /** The snake_case name used in JSON. */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
