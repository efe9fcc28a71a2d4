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
    Converter[] converters =
        profile.columns().stream().map(Converter::new).toArray(Converter[]::new);
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

  private static void emit(String[] values, Converter[] converters, TypedRowSink sink) {
    try {
      for (int i = 0; i < converters.length; i++) {
        converters[i].emit(i, i < values.length ? values[i] : null, sink);
      }
      sink.endRow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One column's text-to-type conversion, the same rules as {@link ColumnAccumulator}. */
  private static final class Converter {

    private final ColumnType type;
    private DateFormat dateFormat;

    Converter(ColumnProfile profile) {
      this.type = profile.type();
    }

    void emit(int column, String value, TypedRowSink sink) throws IOException {
      boolean missing = Values.isMissing(value);
      switch (type) {
        case CATEGORICAL, TEXT -> sink.text(column, missing ? null : value);
        default -> sink.number(column, missing ? Double.NaN : number(value));
      }
    }

    private double number(String value) {
      return switch (type) {
        case INTEGER -> {
          Long whole = Values.asLong(value);
          yield whole == null ? Double.NaN : whole;
        }
        case FLOAT -> Values.asDouble(value);
        case BOOLEAN -> {
          Boolean flag = Values.asBoolean(value);
          yield flag == null ? Double.NaN : flag ? 1 : 0;
        }
        case DATETIME -> {
          String v = value.strip();
          // The first parseable value fixes the layout, as in the first pass.
          if (dateFormat == null) {
            dateFormat = DateFormat.detect(v);
          }
          yield dateFormat == null ? Double.NaN : dateFormat.epochSeconds(v);
        }
        default -> throw new IllegalStateException("not a numeric type: " + type);
      };
    }
  }
}
