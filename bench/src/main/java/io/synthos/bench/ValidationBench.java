package io.synthos.bench;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.synthos.ml.stats.fidelity.Fidelity;
import io.synthos.ml.stats.privacy.Privacy;
import io.synthos.ml.stats.privacy.PrivacyOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The validation engine against the numpy/scipy reference ({@code bench/reference/}), on the same
 * generated data in one run: the fidelity section on 1M rows × 20 mixed columns, timed on both
 * sides (best of the runs); the privacy section on 50k × 50k rows, timed here (its numpy peer is
 * {@code dcr_bench.py}, see {@code DcrBench}); and every figure of both sections compared with the
 * reference's (privacy on a 5k-row table). The columns go to the reference as raw arrays.
 *
 * <p>{@code mvn -Pbench -q compile exec:java -Dexec.mainClass=io.synthos.bench.ValidationBench}
 * (properties: {@code bench.rows}, {@code bench.dcrRows}, {@code bench.compareRows}, {@code
 * bench.runs}, {@code bench.seed}, {@code bench.python}).
 */
public final class ValidationBench {

  private static final String[] CITIES = {"Paris", "Berlin", "Rome", "Madrid", "Lisbon", "Vienna"};

  private ValidationBench() {}

  public static void main(String[] args) throws Exception {
    int rows = Integer.getInteger("bench.rows", 1_000_000);
    int dcrRows = Integer.getInteger("bench.dcrRows", 50_000);
    int compareRows = Integer.getInteger("bench.compareRows", 5_000);
    int runs = Integer.getInteger("bench.runs", 3);
    long seed = Long.getLong("bench.seed", 42);
    int threads = Runtime.getRuntime().availableProcessors();
    Path dir = Files.createTempDirectory("synthos-validation-bench");
    System.out.printf(
        "%d rows × 20 columns for fidelity, %d × %d rows for DCR, %d cores, max heap %,d MB, in %s%n",
        rows, dcrRows, dcrRows, threads, Runtime.getRuntime().maxMemory() >> 20, dir);

    List<MatchedColumn> big = generate(rows, seed);
    List<MatchedColumn> small = generate(dcrRows, seed + 1);
    // The readable numpy reference of the privacy section takes many minutes at 50k rows: its
    // figures are compared on a smaller table; its speed peer is dcr_bench.py (see DcrBench).
    List<MatchedColumn> compared = generate(compareRows, seed + 2);
    NumpyPeer.write(dir.resolve("fidelity"), big);
    NumpyPeer.write(dir.resolve("privacy"), compared);

    JsonObject fidelity = null;
    double fidelitySeconds = Double.MAX_VALUE;
    for (int run = 0; run < runs; run++) {
      long start = System.nanoTime();
      fidelity = Fidelity.compute(big, Progress.NONE);
      fidelitySeconds = Math.min(fidelitySeconds, (System.nanoTime() - start) / 1e9);
    }
    JsonObject privacy;
    double privacySeconds;
    long peakHeap;
    try (HeapWatch heap = HeapWatch.start()) {
      long start = System.nanoTime();
      privacy = Privacy.compute(small, new PrivacyOptions(dcrRows, seed, threads), Progress.NONE);
      privacySeconds = (System.nanoTime() - start) / 1e9;
      peakHeap = heap.peakUsed();
    }
    System.out.printf(
        "Synthos   fidelity %8.2f s   privacy (DCR + NNDR) %8.2f s, peak heap %,d MB%n",
        fidelitySeconds, privacySeconds, peakHeap >> 20);
    JsonObject privacyCompared =
        Privacy.compute(compared, new PrivacyOptions(compareRows, seed, threads), Progress.NONE);

    JsonObject reference =
        NumpyPeer.run("bench/reference/validation_bench.py", dir.toString(), String.valueOf(runs));
    double refFidelity = reference.getDouble("fidelity_seconds");
    double refPrivacy = reference.getDouble("privacy_seconds");
    System.out.printf(
        "reference fidelity %8.2f s   privacy on %d × %d rows %8.2f s%n",
        refFidelity, compareRows, compareRows, refPrivacy);
    System.out.printf(
        "ratio (Synthos / reference): fidelity %.2f×%n", fidelitySeconds / refFidelity);
    System.out.printf(
        "largest difference: fidelity %.3g, privacy %.3g%n",
        largestDifference(fidelity, reference.getJsonObject("fidelity")),
        largestDifference(privacyCompared, reference.getJsonObject("privacy")));
  }

  /** 12 numeric (2 of them datetimes), 6 categorical, 2 boolean columns; synthetic is perturbed. */
  static List<MatchedColumn> generate(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<MatchedColumn> columns = new ArrayList<>();
    for (int c = 0; c < 12; c++) {
      Column.Kind kind = c < 2 ? Column.Kind.DATETIME : Column.Kind.NUMERIC;
      double scale = 1 + c;
      String name = (kind == Column.Kind.DATETIME ? "when" : "x") + c;
      columns.add(
          new MatchedColumn(
              name,
              kind,
              Column.numeric(name, kind, numbers(rows, random, scale, 0, kind)),
              Column.numeric(name, kind, numbers(rows, random, scale * 1.1, 0.2, kind)),
              null,
              List.of()));
    }
    for (int c = 0; c < 6; c++) {
      String name = "city" + c;
      columns.add(
          new MatchedColumn(
              name,
              Column.Kind.CATEGORICAL,
              Column.coded(name, Column.Kind.CATEGORICAL, codes(rows, random, CITIES.length, 0)),
              Column.coded(name, Column.Kind.CATEGORICAL, codes(rows, random, CITIES.length, 1)),
              null,
              List.of(CITIES)));
    }
    for (int c = 0; c < 2; c++) {
      String name = "flag" + c;
      columns.add(
          new MatchedColumn(
              name,
              Column.Kind.BOOLEAN,
              Column.coded(name, Column.Kind.BOOLEAN, codes(rows, random, 2, 0)),
              Column.coded(name, Column.Kind.BOOLEAN, codes(rows, random, 2, 0)),
              null,
              List.of("false", "true")));
    }
    return columns;
  }

  private static double[] numbers(
      int rows, SplittableRandom random, double scale, double shift, Column.Kind kind) {
    double[] values = new double[rows];
    for (int i = 0; i < rows; i++) {
      if (random.nextInt(50) == 0) {
        values[i] = Double.NaN;
      } else if (kind == Column.Kind.DATETIME) {
        values[i] = 1_600_000_000L + random.nextInt(100_000_000);
      } else {
        // A rounded normal: ties, as real data has.
        values[i] = Math.rint((gaussian(random) * scale + shift) * 100) / 100;
      }
    }
    return values;
  }

  private static int[] codes(int rows, SplittableRandom random, int categories, int skew) {
    int[] codes = new int[rows];
    for (int i = 0; i < rows; i++) {
      codes[i] =
          random.nextInt(40) == 0
              ? -1
              : Math.min(
                  categories - 1, (int) (categories * Math.pow(random.nextDouble(), 1 + skew)));
    }
    return codes;
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** The largest absolute difference between two reports' numbers, field by field. */
  static double largestDifference(Object ours, Object theirs) {
    if (ours instanceof JsonObject a && theirs instanceof JsonObject b) {
      double max = 0;
      for (String key : a.fieldNames()) {
        if (b.containsKey(key)) {
          max = Math.max(max, largestDifference(a.getValue(key), b.getValue(key)));
        }
      }
      return max;
    }
    if (ours instanceof JsonArray a && theirs instanceof JsonArray b) {
      double max = a.size() == b.size() ? 0 : Double.POSITIVE_INFINITY;
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        max = Math.max(max, largestDifference(a.getValue(i), b.getValue(i)));
      }
      return max;
    }
    if (ours instanceof Number a && theirs instanceof Number b) {
      return Math.abs(a.doubleValue() - b.doubleValue());
    }
    return 0;
  }
}
