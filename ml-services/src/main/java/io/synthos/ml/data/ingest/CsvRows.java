package io.synthos.ml.data.ingest;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.synthos.ml.data.ingest.IngestException.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/** Reads RFC 4180 CSV/TSV with FastCSV: a header line, then rows of exactly as many fields. */
final class CsvRows {

  private CsvRows() {}

  /** Parses {@code text} into {@code profiler}; returns the delimiter used. */
  static char read(BufferedReader text, Character given, RowProfiler profiler, IngestLimits limits)
      throws IOException {
    char delimiter = given != null ? given : DelimiterSniffer.sniff(text);
    CsvReader<CsvRecord> reader =
        CsvReader.builder()
            .fieldSeparator(delimiter)
            .quoteCharacter('"')
            .commentStrategy(CommentStrategy.NONE)
            .skipEmptyLines(true)
            .allowExtraFields(true)
            .allowMissingFields(true)
            .allowUnclosedQuote(false)
            .maxBufferSize(limits.maxRecordChars())
            .detectBomHeader(false)
            .ofCsvRecord(text);
    Iterator<CsvRecord> records = reader.iterator();
    CsvRecord header = next(records, 0);
    if (header == null) {
      throw new IngestException(Kind.EMPTY, 0, null, "the file is empty: no header and no rows");
    }
    profiler.header(header.getFields(), header.getStartingLineNumber());
    int expected = header.getFieldCount();
    CsvRecord record;
    long last = header.getStartingLineNumber();
    while ((record = next(records, last)) != null) {
      last = record.getStartingLineNumber();
      if (record.getFieldCount() != expected) {
        throw IngestException.at(
            Kind.RAGGED_ROW,
            last,
            "expected "
                + expected
                + " fields (as in the header) but found "
                + record.getFieldCount()
                + " — check the delimiter and quoting");
      }
      profiler.row(record.getFields().toArray(String[]::new));
    }
    return delimiter;
  }

  /** The next record, with FastCSV's and the text reader's failures turned into ours. */
  private static CsvRecord next(Iterator<CsvRecord> records, long lastLine) {
    try {
      return records.hasNext() ? records.next() : null;
    } catch (CsvParseException | UncheckedIOException e) {
      IngestException ours = DatasetIngestor.unwrap(e);
      if (ours != null) {
        throw ours;
      }
      String reason =
          e.getCause() != null && e.getCause().getMessage() != null
              ? e.getCause().getMessage()
              : e.getMessage();
      Kind kind =
          reason != null && reason.contains("buffer") ? Kind.RECORD_TOO_LONG : Kind.MALFORMED;
      throw new IngestException(
          kind, 0, "the CSV cannot be parsed after line " + lastLine + ": " + reason, e);
    }
  }
}
