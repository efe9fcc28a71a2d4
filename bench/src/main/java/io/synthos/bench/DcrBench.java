package io.synthos.bench;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.synthos.ml.stats.privacy.Privacy;
import io.synthos.ml.stats.privacy.PrivacyOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Times {@link Privacy#compute} on generated data: 50k real and 50k synthetic rows of 20 mixed
 * columns (12 numeric, 2 datetime, 4 categorical, 2 boolean; 2% missing). Prints the time of the
 * whole computation (DCR + NNDR scan, baseline scan, new-row and exact matches) and, from the
 * progress reports, of the DCR + NNDR scan alone: the part the numpy peer {@code
 * bench/reference/dcr_bench.py} times.
 *
 * <pre>
 * mvn -Pbench -q compile exec:java -Dexec.mainClass=io.synthos.bench.DcrBench \
 *     -Dbench.rows=50000 -Dbench.threads=2 -Dbench.runs=1
 * </pre>
 */
public final class DcrBench {

  private static final int ROWS = BenchSupport.intProperty("bench.rows", 50_000);
  private static final int SYNTHETIC = BenchSupport.intProperty("bench.synthetic", ROWS);
  private static final int THREADS = BenchSupport.intProperty("bench.threads", 2);
  private static final int RUNS = BenchSupport.intProperty("bench.runs", 1);
  private static final double MISSING = 0.02;

  private DcrBench() {}

  public static void main(String[] args) {
    List<MatchedColumn> columns = columns(ROWS, SYNTHETIC, 42);
    PrivacyOptions options = new PrivacyOptions(Math.max(ROWS, SYNTHETIC), 0, THREADS);
    System.out.printf(
        "privacy: %,d real x %,d synthetic rows, %d columns, %d threads%n",
        ROWS, SYNTHETIC, columns.size(), THREADS);
    for (int run = 1; run <= RUNS; run++) {
      try (HeapWatch heap = HeapWatch.start()) {
        long start = System.nanoTime();
        ScanClock clock = new ScanClock();
        JsonObject result = Privacy.compute(columns, options, clock);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "run %d: %.2f s in all, DCR + NNDR scan %.2f s, peak heap %,d MB (after GC %,d MB);"
                + " %s%n",
            run,
            seconds,
            (clock.scanEnd - start) / 1e9,
            heap.peakUsed() >> 20,
            heap.peakAfterGc() >> 20,
            result.encode());
      }
    }
  }

  /** Notes when Privacy reports 0.45: the synthetic-to-real (DCR + NNDR) scan is then done. */
  private static final class ScanClock implements Progress {
    private long scanEnd;

    @Override
    public void report(String section, double fraction) {
      if (fraction >= 0.45 && scanEnd == 0) {
        scanEnd = System.nanoTime();
      }
    }

    @Override
    public boolean cancelled() {
      return false;
    }
  }

  /** Twenty columns drawn independently for real and synthetic, from the same distributions. */
  static List<MatchedColumn> columns(int realRows, int syntheticRows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<MatchedColumn> columns = new ArrayList<>();
    for (int j = 0; j < 20; j++) {
      String name = "c" + j;
      SplittableRandom column = random.split();
      if (j < 14) {
        Column.Kind kind = j < 12 ? Column.Kind.NUMERIC : Column.Kind.DATETIME;
        columns.add(
            new MatchedColumn(
                name,
                kind,
                Column.numeric(name, kind, numbers(column, realRows, j)),
                Column.numeric(name, kind, numbers(column, syntheticRows, j)),
                null,
                List.of()));
      } else {
        int categories = j < 18 ? new int[] {3, 7, 12, 40}[j - 14] : 2;
        Column.Kind kind = j < 18 ? Column.Kind.CATEGORICAL : Column.Kind.BOOLEAN;
        columns.add(
            new MatchedColumn(
                name,
                kind,
                Column.coded(name, kind, codes(column, realRows, categories)),
                Column.coded(name, kind, codes(column, syntheticRows, categories)),
                null,
                IntStream.range(0, categories).mapToObj(i -> "v" + i).toList()));
      }
    }
    return columns;
  }

  private static double[] numbers(SplittableRandom random, int rows, int column) {
    double[] values = new double[rows];
    for (int row = 0; row < rows; row++) {
      double u = random.nextDouble();
      double value =
          switch (column % 3) {
            case 0 -> 100 * u; // uniform
            case 1 -> Math.exp(2 * gaussian(random)); // skewed
            default -> 50 + 10 * gaussian(random); // normal
          };
      if (column >= 12) {
        value = 1_600_000_000 + Math.floor(u * 86_400 * 365);
      }
      values[row] = u < MISSING ? Double.NaN : value;
    }
    return values;
  }

  private static int[] codes(SplittableRandom random, int rows, int categories) {
    int[] codes = new int[rows];
    for (int row = 0; row < rows; row++) {
      // Skewed frequencies: the square of a uniform favours low codes.
      double u = random.nextDouble();
      codes[row] = random.nextDouble() < MISSING ? -1 : (int) (u * u * categories);
    }
    return codes;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
