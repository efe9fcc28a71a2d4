package io.synthos.bench;

import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.synthos.ml.stats.fidelity.Fidelity;
import io.synthos.ml.stats.privacy.Privacy;
import io.synthos.ml.stats.privacy.PrivacyOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH measurements of the statistics kernels on one thread, through their public entry points: one
 * numeric column (KS + Wasserstein), one categorical column (TV + Jensen–Shannon), a numeric pair
 * (shapes + Pearson) over 1M rows, and the privacy section on 5k × 5k rows.
 *
 * <p>{@code mvn -Pbench -q compile exec:exec -Dexec.executable=java -Dexec.args="-cp %classpath
 * org.openjdk.jmh.Main KernelsBench"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class KernelsBench {

  private List<MatchedColumn> numeric;
  private List<MatchedColumn> categorical;
  private List<MatchedColumn> numericPair;
  private List<MatchedColumn> privacyTable;

  @Setup
  public void generate() {
    List<MatchedColumn> big = ValidationBench.generate(1_000_000, 42);
    numeric = List.of(big.get(2));
    numericPair = List.of(big.get(2), big.get(3));
    categorical = List.of(big.get(12));
    privacyTable = ValidationBench.generate(5_000, 43);
  }

  @Benchmark
  public JsonObject numericColumnShape1M() {
    return Fidelity.compute(numeric, Progress.NONE);
  }

  @Benchmark
  public JsonObject categoricalColumnShape1M() {
    return Fidelity.compute(categorical, Progress.NONE);
  }

  @Benchmark
  public JsonObject numericPairTrend1M() {
    return Fidelity.compute(numericPair, Progress.NONE);
  }

  @Benchmark
  public JsonObject privacySection5k() {
    return Privacy.compute(privacyTable, new PrivacyOptions(5_000, 0, 1), Progress.NONE);
  }
}
