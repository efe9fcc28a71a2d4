package io.synthos.bench;

import static io.synthos.bench.BenchSupport.intProperty;

import io.synthos.proto.v1.ColumnBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Collector;
import java.util.stream.Stream;

/**
 * Streaming a whole ingested dataset back with the ReadColumns RPC, to a gRPC client in this JVM
 * over loopback, as a validation job reads its columns: time, rows/s, and the bytes on the wire
 * against the CSV's size. Best of N reads after one unmeasured read.
 */
public final class ReadColumnsBench {

  private static final long MB = 1_000_000;
  private static final int ROWS = intProperty("bench.rows", 1_000_000);
  private static final int RUNS = intProperty("bench.runs", 3);
  private static final long SEED = intProperty("bench.seed", 42);

  /** gRPC's length-prefixed framing: 1 byte compressed flag, 4 bytes length, per message. */
  private static final int GRPC_FRAME_HEADER = 5;

  /** What one read received: messages, rows and serialized bytes including gRPC framing. */
  private static final class Tally {
    long messages;
    long rows;
    long bytes;

    void add(ColumnBatch batch) {
      messages++;
      rows += batch.getRowIndicesCount();
      bytes += batch.getSerializedSize() + GRPC_FRAME_HEADER;
    }

    static Collector<ColumnBatch, Tally, Tally> collector() {
      return Collector.of(
          Tally::new,
          Tally::add,
          (a, b) -> {
            throw new UnsupportedOperationException("a stream of batches is sequential");
          });
    }
  }

  private ReadColumnsBench() {}

  public static void main(String[] args) throws Exception {
    BenchSupport.quietLogs();
    Path dir = Files.createTempDirectory("synthos-read-bench");
    try {
      Path csv = dir.resolve("synthetic.csv");
      long csvBytes = SyntheticCsv.writeRows(csv, ROWS, SEED);
      System.out.printf(
          "%,d rows × %d columns, %,d bytes of CSV; best of %d reads%n",
          ROWS, SyntheticCsv.COLUMNS, csvBytes, RUNS);
      try (InProcessDataService service =
          InProcessDataService.start(Files.createDirectories(dir.resolve("data-service")))) {
        String id = service.upload(csv);
        long start = System.nanoTime();
        service.ingest(id);
        System.out.printf("ingested in %.2f s%n", (System.nanoTime() - start) / 1e9);
        service.readColumns(id, Tally.collector()); // warm-up
        double best = Double.MAX_VALUE;
        Tally tally = null;
        for (int run = 1; run <= RUNS; run++) {
          CpuUse cpu = CpuUse.afterQuiet();
          start = System.nanoTime();
          tally = service.readColumns(id, Tally.collector());
          double seconds = (System.nanoTime() - start) / 1e9;
          best = Math.min(best, seconds);
          System.out.printf(
              "read %d: %.2f s, %,.0f rows/s, %,d messages; %s%n",
              run, seconds, tally.rows / seconds, tally.messages, cpu.untilNow());
          if (tally.rows != ROWS) {
            throw new IllegalStateException("read " + tally.rows + " rows of " + ROWS);
          }
        }
        print(tally, best, csvBytes);
      }
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static void print(Tally tally, double seconds, long csvBytes) {
    System.out.println();
    System.out.println(
        "| rows × columns | time (best) | rows/s | messages | bytes on the wire | CSV bytes |"
            + " wire / CSV | wire MB/s |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    System.out.printf(
        "| %,d × %d | %.2f s | %,.0f | %,d | %,d | %,d | %.2f× | %.1f |%n",
        tally.rows,
        SyntheticCsv.COLUMNS,
        seconds,
        tally.rows / seconds,
        tally.messages,
        tally.bytes,
        csvBytes,
        (double) tally.bytes / csvBytes,
        tally.bytes / (seconds * MB));
    System.out.println(
        "(bytes on the wire: serialized ColumnBatch messages + 5-byte gRPC frame headers;"
            + " HTTP/2 frame headers not counted)");
  }
}
