package io.synthos.ml.data.ingest;

import io.synthos.ml.data.ingest.IngestException.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Parses, types and profiles a CSV, TSV or JSON Lines file in one streaming pass, writing its typed
 * copy on the way when the column types hold still.
 *
 * <p>Memory is bounded by {@link IngestLimits} (the inference window, the distinct-value bound and
 * the exact-quantile bound per column), never by the file size. This is blocking I/O and CPU work:
 * run it on a worker pool ({@code executeBlocking} or a worker verticle), never on an event loop.
 *
 * <p>Each column's type is inferred from its first {@link IngestLimits#inferenceRows()} non-missing
 * values and then applied to the rest of the stream; a later value that contradicts it demotes the
 * column (integer to float, anything to a string type) and the profile reflects the final type.
 */
public final class DatasetIngestor {

  private DatasetIngestor() {}

  /**
   * Profiles {@code in} (which this method reads to the end but does not close).
   *
   * @throws IngestException when the file cannot be ingested; the message is fit for the user
   */
  public static DatasetProfile ingest(InputStream in, IngestOptions options) {
    return ingest(in, options, null).profile();
  }

  /** A profile, and whether the typed copy written on the way is complete. */
  public record Ingested(DatasetProfile profile, boolean copied) {}

  /**
   * Profiles {@code in} and, when {@code copy} is given, writes the typed copy into it on the way.
   * When {@link Ingested#copied()} is false, the copy is incomplete and must be written by {@link
   * TypedRows} in a second pass.
   *
   * @throws IngestException when the file cannot be ingested; the message is fit for the user
   */
  public static Ingested ingest(InputStream in, IngestOptions options, TypedCopy copy) {
    HashingInputStream hashing = new HashingInputStream(in);
    RowProfiler profiler = new RowProfiler(options, copy);
    Character delimiter = null;
    try {
      BufferedReader text =
          new BufferedReader(
              new CheckedTextReader(hashing, options.limits().maxLineChars()), 64 * 1024);
      switch (options.format()) {
        case CSV -> delimiter = CsvRows.read(text, options.delimiter(), profiler, options.limits());
        case TSV -> delimiter = CsvRows.read(text, '\t', profiler, options.limits());
        case JSON_LINES -> JsonLinesRows.read(text, profiler);
      }
      hashing.drain();
    } catch (IOException e) {
      IngestException ours = unwrap(e);
      throw ours != null
          ? ours
          : new IngestException(Kind.UNREADABLE, 0, "the upload could not be read", e);
    } catch (RuntimeException e) {
      IngestException ours = unwrap(e);
      throw ours != null ? ours : e;
    }
    if (profiler.rows() == 0) {
      throw new IngestException(Kind.NO_ROWS, 0, null, "the file has a header but no data rows");
    }
    List<ColumnProfile> columns = profiler.finish();
    DatasetProfile profile =
        new DatasetProfile(
            options.format(),
            delimiter,
            profiler.rows(),
            hashing.bytes(),
            hashing.sha256(),
            columns);
    return new Ingested(profile, profiler.copied(columns));
  }

  /** Our exception, if {@code e} is one or wraps one (FastCSV wraps what its reader throws). */
  static IngestException unwrap(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IngestException ours) {
        return ours;
      }
    }
    return null;
  }
}
