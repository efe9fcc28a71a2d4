package io.synthos.bench;

import static io.synthos.bench.BenchSupport.intProperty;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CSV ingest throughput: Synthos's Ingest RPC (parse, type, profile, and write the typed columnar
 * copy, on a real data service in this JVM) against DuckDB's {@code read_csv} into a table, alone
 * and followed by {@code SUMMARIZE}, on the same generated files. Best of N runs per size, after
 * one unmeasured warm-up of each on the 100 MB file; peak heap is watched on the largest size.
 */
public final class IngestBench {

  private static final long MB = 1_000_000;
  private static final String SIZES = System.getProperty("bench.sizes", "100,1000");
  private static final int RUNS = intProperty("bench.runs", 3);
  private static final int RUNS_LARGE = intProperty("bench.runsLarge", 1);
  private static final long SEED = intProperty("bench.seed", 42);
  private static final String ONLY = System.getProperty("bench.only", "");
  private static final int DUCKDB_THREADS = intProperty("bench.duckdbThreads", 0);
  private static final boolean DUCKDB_IN_MEMORY = Boolean.getBoolean("bench.duckdbInMemory");
  private static final boolean KEEP = Boolean.getBoolean("bench.keep");

  /** Files this run generated, deleted at the end unless -Dbench.keep=true. */
  private static final List<Path> GENERATED = new ArrayList<>();

  /** One timed Ingest: how long it took and how many rows the profile counted. */
  private record Ingested(double seconds, long rows) {}

  /** One size's best runs; -1 where a side was not run. */
  private record Row(
      int mb, long bytes, long rows, double synthos, double duckLoad, double duckTotal) {}

  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    BenchSupport.quietLogs();
    int[] sizes =
        Arrays.stream(SIZES.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    String given = System.getProperty("bench.dir");
    Path dir =
        given != null
            ? Files.createDirectories(Path.of(given))
            : Files.createTempDirectory("synthos-ingest-bench");
    System.out.printf(
        "sizes %s MB, best of %d runs (%d from 1000 MB), seed %d, %d cores, max heap %d MB,"
            + " DuckDB threads %s, %s; files in %s%n",
        SIZES,
        RUNS,
        RUNS_LARGE,
        SEED,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / MB,
        DUCKDB_THREADS == 0 ? "default" : DUCKDB_THREADS,
        DUCKDB_IN_MEMORY ? "in memory" : "database file",
        dir);
    checkDiskSpace(dir, sizes);
    List<Row> table = new ArrayList<>();
    Path dataDir = Files.createDirectories(dir.resolve("data-service"));
    try (InProcessDataService service = InProcessDataService.start(dataDir)) {
      warmUp(service, csv(dir, 100), dir);
      int largest = Arrays.stream(sizes).max().orElseThrow();
      for (int mb : sizes) {
        table.add(measure(service, dir, mb, mb >= 1000 ? RUNS_LARGE : RUNS, mb == largest));
      }
    } finally {
      delete(dataDir);
      if (!KEEP) {
        for (Path file : GENERATED) {
          Files.deleteIfExists(file);
        }
        if (given == null) {
          Files.deleteIfExists(dir);
        }
      }
    }
    print(table);
  }

  /** A generated file of about {@code mb} MB, reused when a kept one of the same seed exists. */
  private static Path csv(Path dir, int mb) throws IOException {
    Path file = dir.resolve("synthetic-" + mb + "mb-seed" + SEED + ".csv");
    if (!Files.exists(file)) {
      long start = System.nanoTime();
      long rows = SyntheticCsv.writeBytes(file, mb * MB, SEED);
      GENERATED.add(file);
      System.out.printf(
          "generated %s: %,d rows, %,d bytes in %.1f s%n",
          file.getFileName(), rows, Files.size(file), (System.nanoTime() - start) / 1e9);
    }
    return file;
  }

  private static void warmUp(InProcessDataService service, Path csv, Path dir) throws Exception {
    long start = System.nanoTime();
    if (!ONLY.equals("duckdb")) {
      service.ingest(service.upload(csv));
    }
    if (!ONLY.equals("synthos")) {
      DuckDbCsv.loadAndSummarize(csv, dir, DUCKDB_THREADS, DUCKDB_IN_MEMORY);
    }
    System.out.printf(
        "warm-up on %s: %.1f s%n", csv.getFileName(), (System.nanoTime() - start) / 1e9);
  }

  /** N runs of each side, alternating which goes first; answers the best of each. */
  private static Row measure(
      InProcessDataService service, Path dir, int mb, int runs, boolean watchHeap)
      throws Exception {
    Path csv = csv(dir, mb);
    long bytes = Files.size(csv);
    double synthos = Double.MAX_VALUE;
    double duckLoad = Double.MAX_VALUE;
    double duckTotal = Double.MAX_VALUE;
    long rows = -1;
    for (int run = 1; run <= runs; run++) {
      boolean synthosFirst = run % 2 == 1;
      for (String side :
          synthosFirst ? List.of("synthos", "duckdb") : List.of("duckdb", "synthos")) {
        if (!ONLY.isEmpty() && !ONLY.equals(side)) {
          continue;
        }
        String label = String.format("%5d MB run %d", mb, run);
        if (side.equals("synthos")) {
          Ingested ingested = synthos(service, csv, label, watchHeap);
          synthos = Math.min(synthos, ingested.seconds());
          rows = ingested.rows();
        } else {
          DuckDbCsv.Result duck = duckDb(csv, dir, label, bytes);
          duckLoad = Math.min(duckLoad, duck.loadSeconds());
          duckTotal = Math.min(duckTotal, duck.totalSeconds());
          if (rows >= 0 && duck.rows() != rows) {
            System.out.printf("WARNING: DuckDB read %,d rows, Synthos %,d%n", duck.rows(), rows);
          }
          rows = rows >= 0 ? rows : duck.rows();
        }
      }
    }
    return new Row(mb, bytes, rows, best(synthos), best(duckLoad), best(duckTotal));
  }

  /** One timed Ingest RPC of a freshly uploaded copy (the upload is not timed). */
  private static Ingested synthos(
      InProcessDataService service, Path csv, String label, boolean watchHeap) throws IOException {
    String id = service.upload(csv);
    CpuUse cpu = CpuUse.afterQuiet();
    JsonObject profile;
    long start;
    long end;
    try (HeapWatch heap = watchHeap ? HeapWatch.start() : null) {
      start = System.nanoTime();
      profile = new JsonObject(service.ingest(id));
      end = System.nanoTime();
      if (heap != null) {
        System.out.printf(
            "%s  heap while ingesting: peak %,d MB in use, at most %,d MB left after a collection"
                + " (%d collections), max heap %,d MB%n",
            label,
            heap.peakUsed() / MB,
            heap.peakAfterGc() / MB,
            heap.collections(),
            Runtime.getRuntime().maxMemory() / MB);
      }
    }
    double seconds = (end - start) / 1e9;
    System.out.printf(
        "%s  Synthos Ingest   %7.2f s %6.1f MB/s  %,d rows, %s; types %s%n",
        label,
        seconds,
        Files.size(csv) / (seconds * MB),
        profile.getLong("rows"),
        cpu.untilNow(),
        synthosTypes(profile));
    return new Ingested(seconds, profile.getLong("rows"));
  }

  private static DuckDbCsv.Result duckDb(Path csv, Path dir, String label, long bytes)
      throws Exception {
    CpuUse cpu = CpuUse.afterQuiet();
    DuckDbCsv.Result duck = DuckDbCsv.loadAndSummarize(csv, dir, DUCKDB_THREADS, DUCKDB_IN_MEMORY);
    System.out.printf(
        "%s  DuckDB read_csv  %7.2f s %6.1f MB/s  + SUMMARIZE %.2f s = %.2f s %6.1f MB/s"
            + "  %,d rows, %s; types %s%n",
        label,
        duck.loadSeconds(),
        bytes / (duck.loadSeconds() * MB),
        duck.summarizeSeconds(),
        duck.totalSeconds(),
        bytes / (duck.totalSeconds() * MB),
        duck.rows(),
        cpu.untilNow(),
        duck.types());
    return duck;
  }

  private static double best(double seconds) {
    return seconds == Double.MAX_VALUE ? -1 : seconds;
  }

  private static Map<String, Integer> synthosTypes(JsonObject profile) {
    Map<String, Integer> types = new TreeMap<>();
    profile
        .getJsonArray("column_profiles")
        .forEach(c -> types.merge(((JsonObject) c).getString("type"), 1, Integer::sum));
    return types;
  }

  private static void print(List<Row> table) {
    System.out.println();
    System.out.println(
        "| size | rows | Synthos Ingest | DuckDB read_csv | DuckDB read_csv + SUMMARIZE |"
            + " Synthos / DuckDB (read_csv) | Synthos / DuckDB (+ SUMMARIZE) |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Row row : table) {
      System.out.printf(
          "| %,d MB | %,d | %s | %s | %s | %s | %s |%n",
          row.bytes() / MB,
          row.rows(),
          speed(row.bytes(), row.synthos()),
          speed(row.bytes(), row.duckLoad()),
          speed(row.bytes(), row.duckTotal()),
          ratio(row.duckLoad(), row.synthos()),
          ratio(row.duckTotal(), row.synthos()));
    }
    System.out.println("(best of the runs; MB = 10^6 bytes; ratio = Synthos MB/s ÷ DuckDB MB/s)");
  }

  private static String speed(long bytes, double seconds) {
    return seconds < 0 ? "–" : String.format("%.2f s, %.1f MB/s", seconds, bytes / (seconds * MB));
  }

  private static String ratio(double duck, double synthos) {
    return duck < 0 || synthos < 0 ? "–" : String.format("%.2f×", duck / synthos);
  }

  /**
   * Fails early rather than filling the disk: each size needs its CSV, one uploaded copy and one
   * columnar copy per Synthos run (none is deleted before the end), and room for DuckDB's file.
   */
  private static void checkDiskSpace(Path dir, int[] sizes) throws IOException {
    long needed = 100 * MB * 3; // the warm-up file, its upload and its columns
    for (int mb : sizes) {
      int runs = mb >= 1000 ? RUNS_LARGE : RUNS;
      needed += mb * MB * (2 + 2L * runs);
    }
    long free = Files.getFileStore(dir).getUsableSpace();
    System.out.printf(
        "disk: %,d MB free in %s, about %,d MB needed%n", free / MB, dir, needed / MB);
    if (free < needed) {
      throw new IllegalStateException("not enough disk space in " + dir + "; set -Dbench.dir");
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
