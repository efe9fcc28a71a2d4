package io.synthos.bench;

import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.synthos.ml.stats.collapse.Prdc;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Times exact PRDC ({@link Prdc#compute}) against an exact, blocked numpy PRDC of the same distance
 * ({@code bench/reference/prdc_bench.py}) in the same run, on the same generated columns: 50k real
 * and 50k synthetic rows of 20 mixed columns (those of {@link DcrBench}), and checks that the four
 * figures agree.
 *
 * <pre>
 * mvn -Pbench -q compile exec:java -Dexec.mainClass=io.synthos.bench.PrdcBench \
 *     -Dbench.rows=50000 -Dbench.threads=2 -Dbench.k=5 -Dbench.block=16
 * </pre>
 */
public final class PrdcBench {

  private static final int ROWS = BenchSupport.intProperty("bench.rows", 50_000);
  private static final int THREADS = BenchSupport.intProperty("bench.threads", 2);
  private static final int K = BenchSupport.intProperty("bench.k", 5);
  private static final int BLOCK = BenchSupport.intProperty("bench.block", 16);

  private PrdcBench() {}

  public static void main(String[] args) throws Exception {
    List<MatchedColumn> columns = DcrBench.columns(ROWS, ROWS, 42);
    Path dir = Files.createTempDirectory("synthos-prdc-bench");
    NumpyPeer.write(dir, columns);
    System.out.printf(
        "PRDC: %,d real x %,d synthetic rows, %d columns, k = %d, %d threads, in %s%n",
        ROWS, ROWS, columns.size(), K, THREADS, dir);

    long start = System.nanoTime();
    JsonObject ours = Prdc.compute(columns, K, THREADS, Progress.NONE);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("Synthos   %8.2f s  %s%n", seconds, ours.encode());

    JsonObject numpy =
        NumpyPeer.run(
            "bench/reference/prdc_bench.py",
            dir.toString(),
            String.valueOf(K),
            String.valueOf(BLOCK));
    double reference = numpy.getDouble("seconds");
    System.out.printf("numpy     %8.2f s  %s%n", reference, numpy.encode());
    numpy.remove("seconds");
    System.out.printf(
        "ratio (Synthos / numpy) %.2fx, largest difference %.3g%n",
        seconds / reference, ValidationBench.largestDifference(ours, numpy));
  }
}
