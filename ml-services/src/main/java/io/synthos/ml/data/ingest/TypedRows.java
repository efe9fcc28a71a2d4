package io.synthos.ml.data.ingest;

import io.synthos.ml.data.ingest.IngestException.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A second pass over a file already profiled by {@link DatasetIngestor}: every row, every column,
 * converted to the column's final type. Types can change late in the first pass (demotion), so
 * typed values can only be written once the profile is known.
 *
 * <p>Blocking I/O and CPU work, like the ingest itself: run it on a worker pool.
 */
public final class TypedRows {

  private TypedRows() {}

  /**
   * Reads {@code in} (the same bytes {@code profile} was made from) into {@code sink}.
   *
   * @return the number of rows given to the sink
   * @throws IngestException when the file no longer reads as it did
   * @throws IOException when the sink fails
   */
  public static long read(InputStream in, DatasetProfile profile, TypedRowSink sink)
      throws IOException {
    TypedValues[] converters =
        profile.columns().stream()
            .map(column -> new TypedValues(column.type()))
            .toArray(TypedValues[]::new);
    IngestOptions options =
        new IngestOptions(profile.format(), profile.delimiter(), Map.of(), null);
    RowProfiler rows = new RowProfiler(options, values -> emit(values, converters, sink));
    try {
      BufferedReader text =
          new BufferedReader(new CheckedTextReader(in, options.limits().maxLineChars()), 64 * 1024);
      switch (profile.format()) {
        case CSV, TSV -> CsvRows.read(text, profile.delimiter(), rows, options.limits());
        case JSON_LINES -> JsonLinesRows.read(text, rows);
      }
    } catch (UncheckedIOException e) {
      IngestException ours = DatasetIngestor.unwrap(e);
      if (ours != null) {
        throw ours;
      }
      throw e.getCause();
    }
    if (rows.rows() != profile.rows() || rows.columnCount() != converters.length) {
      throw new IngestException(
          Kind.UNREADABLE, 0, null, "the file changed between the profile and the typed copy");
    }
    return rows.rows();
  }

  static void emit(String[] values, TypedValues[] converters, TypedRowSink sink) {
    try {
      for (int i = 0; i < converters.length; i++) {
        converters[i].emit(i, i < values.length ? values[i] : null, sink);
      }
      sink.endRow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
