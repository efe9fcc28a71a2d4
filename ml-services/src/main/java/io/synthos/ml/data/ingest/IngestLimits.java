package io.synthos.ml.data.ingest;

/**
 * Bounds that keep one ingest within fixed memory and reject hostile input early.
 *
 * @param maxColumns columns allowed in the header (or the union of JSON keys)
 * @param maxLineChars characters allowed on one physical line
 * @param maxRecordChars characters allowed in one record (a quoted field may span lines)
 * @param inferenceRows values per column inspected before the column's type is fixed
 * @param inferenceCells cap on buffered values across all columns while inferring, so wide files
 *     inspect fewer (but at least 1,000) rows per column
 * @param maxDistinct distinct values tracked exactly per column; beyond it counts are flagged
 *     inexact
 * @param maxExactValues numeric values kept per column for exact quantiles; beyond it a uniform
 *     reservoir sample of this size is kept and quantiles are flagged as estimates
 */
public record IngestLimits(
    int maxColumns,
    int maxLineChars,
    int maxRecordChars,
    int inferenceRows,
    int inferenceCells,
    int maxDistinct,
    int maxExactValues) {

  /** Defaults: 2,000 columns, 1 MiB lines, 8 MiB records, 10,000 inference rows. */
  public static IngestLimits defaults() {
    return new IngestLimits(2_000, 1 << 20, 8 << 20, 10_000, 2_000_000, 100_000, 10_000_000);
  }

  public IngestLimits {
    if (maxColumns < 1
        || maxLineChars < 1
        || maxRecordChars < 1
        || inferenceRows < 1
        || inferenceCells < 1
        || maxDistinct < 1
        || maxExactValues < 2) {
      throw new IllegalArgumentException("every ingest limit must be positive");
    }
  }

  /** How many values each of {@code columns} columns inspects before fixing its type. */
  int inferenceRowsFor(int columns) {
    return Math.min(inferenceRows, Math.max(1_000, inferenceCells / Math.max(1, columns)));
  }
}
