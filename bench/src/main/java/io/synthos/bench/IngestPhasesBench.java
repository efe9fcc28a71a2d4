package io.synthos.bench;

import static io.synthos.bench.BenchSupport.intProperty;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.synthos.ml.data.columns.ColumnFilesWriter;
import io.synthos.ml.data.ingest.DatasetIngestor;
import io.synthos.ml.data.ingest.DatasetProfile;
import io.synthos.ml.data.ingest.IngestOptions;
import io.synthos.ml.data.ingest.SourceFormat;
import io.synthos.ml.data.ingest.TypedRowSink;
import io.synthos.ml.data.ingest.TypedRows;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the time of one ingest goes: the Ingest RPC's two passes timed apart, through the engine's
 * public entry points, next to the floors under them (reading, hashing, decoding and parsing the
 * same bytes with nothing else). Not a comparison with anyone: a map for whoever speeds it up.
 */
public final class IngestPhasesBench {

  private static final long MB = 1_000_000;
  private static final int SIZE_MB = intProperty("bench.mb", 100);
  private static final int RUNS = intProperty("bench.runs", 3);
  private static final long SEED = intProperty("bench.seed", 42);
  private static final int BUFFER = 64 * 1024;

  /** A timed step over the file; answers something derived from the work so none is skipped. */
  @FunctionalInterface
  private interface Phase {
    long run(Path csv) throws Exception;
  }

  private static DatasetProfile profile;
  private static Path columns;

  /** Every phase's answer is added here, so the JIT cannot drop work whose result is unused. */
  private static volatile long consumed;

  private IngestPhasesBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("synthos-phases-bench");
    columns = Files.createDirectories(dir.resolve("columns"));
    try {
      Path csv = dir.resolve("synthetic.csv");
      long rows = SyntheticCsv.writeBytes(csv, SIZE_MB * MB, SEED);
      long bytes = Files.size(csv);
      profile =
          DatasetIngestor.ingest(Files.newInputStream(csv), IngestOptions.of(SourceFormat.CSV));
      System.out.printf(
          "%,d bytes, %,d rows; best of %d after one warm-up each%n", bytes, rows, RUNS);
      System.out.println("| phase | time | MB/s |");
      System.out.println("|---|---|---|");
      time("read the bytes", csv, bytes, IngestPhasesBench::read);
      time("read + SHA-256", csv, bytes, IngestPhasesBench::sha256);
      time("read + UTF-8 decode", csv, bytes, IngestPhasesBench::decode);
      time("read + decode + FastCSV records", csv, bytes, IngestPhasesBench::parse);
      time("pass 1: DatasetIngestor.ingest (profile)", csv, bytes, IngestPhasesBench::profile);
      time("pass 2: TypedRows.read, values dropped", csv, bytes, IngestPhasesBench::convert);
      time("pass 2: TypedRows.read into ColumnFilesWriter", csv, bytes, IngestPhasesBench::write);
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static void time(String name, Path csv, long bytes, Phase phase) throws Exception {
    consumed += phase.run(csv); // warm-up
    double best = Double.MAX_VALUE;
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      consumed += phase.run(csv);
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
    }
    System.out.printf("| %s | %.2f s | %.1f |%n", name, best, bytes / (best * MB));
  }

  private static long read(Path csv) throws Exception {
    long total = 0;
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(csv)) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
    }
    return total;
  }

  private static long sha256(Path csv) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(csv)) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return digest.digest()[0];
  }

  private static long decode(Path csv) throws Exception {
    long total = 0;
    char[] buffer = new char[BUFFER];
    try (Reader in = text(csv)) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
    }
    return total;
  }

  /** FastCSV with the engine's settings ({@code CsvRows}), each record copied out as it does. */
  private static long parse(Path csv) throws Exception {
    long fields = 0;
    try (Reader in = text(csv);
        CsvReader<CsvRecord> reader =
            CsvReader.builder()
                .fieldSeparator(',')
                .quoteCharacter('"')
                .commentStrategy(CommentStrategy.NONE)
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .ofCsvRecord(in)) {
      for (CsvRecord record : reader) {
        fields += record.getFields().toArray(String[]::new).length;
      }
    }
    return fields;
  }

  private static long profile(Path csv) throws Exception {
    try (InputStream in = Files.newInputStream(csv)) {
      return DatasetIngestor.ingest(in, IngestOptions.of(SourceFormat.CSV)).rows();
    }
  }

  private static long convert(Path csv) throws Exception {
    DroppingSink sink = new DroppingSink();
    try (InputStream in = Files.newInputStream(csv)) {
      return TypedRows.read(in, profile, sink) + sink.chars;
    }
  }

  private static long write(Path csv) throws Exception {
    try (InputStream in = Files.newInputStream(csv);
        ColumnFilesWriter writer = new ColumnFilesWriter(columns, profile)) {
      long rows = TypedRows.read(in, profile, writer);
      writer.finish();
      return rows;
    }
  }

  private static Reader text(Path csv) throws Exception {
    return new BufferedReader(
        new InputStreamReader(Files.newInputStream(csv), StandardCharsets.UTF_8), BUFFER);
  }

  /** Takes every typed value and keeps nothing, to time the conversion without the writes. */
  private static final class DroppingSink implements TypedRowSink {
    private long chars;

    @Override
    public void number(int column, double value) {
      chars += Double.isNaN(value) ? 0 : 1;
    }

    @Override
    public void text(int column, String value) {
      chars += value == null ? 0 : value.length();
    }

    @Override
    public void endRow() {}
  }
}
