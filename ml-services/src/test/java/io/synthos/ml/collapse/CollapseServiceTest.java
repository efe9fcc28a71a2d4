package io.synthos.ml.collapse;

import static io.synthos.ml.GrpcTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.ml.GrpcTestKit;
import io.synthos.ml.ReadingServiceTest;
import io.synthos.proto.v1.CollapseEvent;
import io.synthos.proto.v1.CollapseGrpcClient;
import io.synthos.proto.v1.CollapseProgress;
import io.synthos.proto.v1.CollapseRequest;
import io.synthos.proto.v1.DatasetRef;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The collapse service over gRPC on simulated chains of generations, reading them from a real data
 * service: fresh samples of the real distribution stay healthy, a chain refitted on its own small
 * samples collapses, and bad requests are refused with the reason.
 */
@DisplayName("Tracking collapse across generations over gRPC")
class CollapseServiceTest extends ReadingServiceTest {

  private static final String[] CITIES = {
    "Paris", "Berlin", "Rome", "Madrid", "Lisbon", "Vienna", "Oslo", "Riga"
  };

  CollapseServiceTest() {
    super("io.synthos.ml.collapse.CollapseServiceVerticle");
  }

  @Test
  @DisplayName("finds no risk in fresh samples of the real distribution")
  void healthyChain() throws Exception {
    // Enough rows that sampling noise stays far from every threshold.
    Random random = new Random(1);
    String real = stored(sample(random, 2000, 1.0, CITIES.length));
    List<String> generations = new ArrayList<>();
    for (int g = 0; g < 4; g++) {
      generations.add(stored(sample(random, 2000, 1.0, CITIES.length)));
    }

    Outcome outcome = analyse(real, generations);
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(GrpcStatus.OK);
    JsonObject report = outcome.report();

    assertThat(report.getString("risk")).as(report.encode()).isEqualTo("none");
    assertThat(report.getValue("first_collapsed_generation")).isNull();
    assertThat(report.getJsonArray("generations")).hasSize(4);
    assertThat(report.getJsonObject("trends").getJsonObject("coverage").getJsonArray("series"))
        .hasSize(4);
  }

  @Test
  @DisplayName("judges by the thresholds the request gives, and refuses inconsistent ones")
  void thresholds() throws Exception {
    Random random = new Random(1);
    String real = stored(sample(random, 500, 1.0, CITIES.length));
    String generation = stored(sample(random, 500, 1.0, CITIES.length));
    // Coverage can never reach 1.01: with these bounds every generation is high.
    JsonObject strict =
        new JsonObject()
            .put("seed", 5)
            .put(
                "thresholds",
                new JsonObject()
                    .put("high", new JsonObject().put("coverage", 1.01))
                    .put("medium", new JsonObject().put("coverage", 1.01)));
    JsonObject inconsistent =
        new JsonObject()
            .put("thresholds", new JsonObject().put("high", new JsonObject().put("coverage", 0.9)));

    Outcome judged =
        call(request(real, List.of(generation)).setOptionsJson(strict.encode()).build());
    Outcome refused =
        call(request(real, List.of(generation)).setOptionsJson(inconsistent.encode()).build());

    assertThat(judged.status()).as(judged.message()).isEqualTo(GrpcStatus.OK);
    assertThat(judged.report().getString("risk")).isEqualTo("high");
    assertThat(judged.report().getJsonArray("reasons").encode()).contains("coverage");
    assertThat(refused.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(refused.message()).contains("high-risk bound exceeds its medium-risk bound");
  }

  @Test
  @DisplayName("calls a chain refitted on its own small samples high, from the first refit")
  void collapsingChain() throws Exception {
    // Generations 1 and 2 are fresh samples of the real distribution, as a generator trained on
    // the real data would give; from 3 on, each is fitted to a small sample of the one before,
    // its tails trimmed and its rare categories dropped (Shumailov et al. 2024). So generation 3
    // is where the collapse starts.
    Random random = new Random(7);
    Chain real = Chain.real(random, 4000);
    List<String> generations = new ArrayList<>();
    generations.add(stored(Chain.real(random, 4000).csv()));
    generations.add(stored(Chain.real(random, 4000).csv()));
    Chain current = real;
    for (int g = 3; g <= 7; g++) {
      current = current.refit(random, 400);
      generations.add(stored(current.csv()));
    }

    Outcome outcome = analyse(stored(real.csv()), generations);
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(GrpcStatus.OK);
    JsonObject report = outcome.report();

    assertThat(report.getString("risk")).as(report.encode()).isEqualTo("high");
    assertThat(report.getInteger("first_collapsed_generation")).as(report.encode()).isEqualTo(3);
    assertThat(report.getJsonArray("reasons").encode()).contains("tail_ratio");
    JsonArray variance =
        report
            .getJsonObject("trends")
            .getJsonObject("median_variance_ratio")
            .getJsonArray("series");
    assertThat(variance.getDouble(6)).isLessThan(variance.getDouble(1));
    assertThat(
            report
                .getJsonObject("trends")
                .getJsonObject("median_variance_ratio")
                .getDouble("slope"))
        .isNegative();
  }

  @Test
  @DisplayName("streams its progress across the generations before the report")
  void progress() throws Exception {
    Random random = new Random(4);
    String real = stored(sample(random, 1000, 1.0, CITIES.length));
    List<String> generations = new ArrayList<>();
    for (int g = 0; g < 3; g++) {
      generations.add(stored(sample(random, 1000, 1.0, CITIES.length)));
    }

    Outcome outcome = analyse(real, generations);

    assertThat(outcome.status()).as(outcome.message()).isEqualTo(GrpcStatus.OK);
    List<CollapseProgress> steps = outcome.progress();
    assertThat(steps).isNotEmpty();
    assertThat(steps).extracting(CollapseProgress::getFraction).isSorted();
    assertThat(steps.get(steps.size() - 1).getFraction()).isEqualTo(1.0);
    assertThat(steps)
        .extracting(CollapseProgress::getStep)
        .contains("generation 1 of 3", "generation 3 of 3");
  }

  @Test
  @DisplayName("stops the work of a cancelled call, freeing its worker for the next one")
  void cancelStopsTheWork() throws Exception {
    // Exact PRDC over 60k × 60k rows takes minutes on one thread, unless stopped.
    String big = stored(sample(new Random(5), 60_000, 1.0, CITIES.length));
    String small = stored(sample(new Random(6), 200, 1.0, CITIES.length));

    GrpcTestKit.Streamed<CollapseEvent> next =
        nextAfterCancel(
            CollapseGrpcClient.Analyse,
            request(big, List.of(big)).setOptionsJson("{\"knn_max_rows\": 60000}").build(),
            request(small, List.of(small)).build(),
            CollapseEvent::hasProgress);

    assertThat(next.status()).as(next.message()).isEqualTo(GrpcStatus.OK);
  }

  @Test
  @DisplayName("refuses no generations, a generation with no shared column, and k too large")
  void badInput() throws Exception {
    String real = stored(sample(new Random(3), 50, 1.0, 4));
    String other = stored("x,y\n1,a\n2,b\n");

    Outcome none = analyse(real, List.of());
    Outcome unshared = analyse(real, List.of(other));
    Outcome bigK = call(request(real, List.of(real)).setOptionsJson("{\"k\": 60}").build());

    assertThat(none.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(none.message()).contains("at least one synthetic generation");
    assertThat(unshared.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(unshared.message()).contains("generation 1 shares no column");
    assertThat(bigK.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(bigK.message()).contains("k");
  }

  private record Outcome(
      GrpcStatus status, String message, List<CollapseProgress> progress, JsonObject report) {}

  private Outcome analyse(String real, List<String> generations) throws Exception {
    return call(request(real, generations).build());
  }

  private static CollapseRequest.Builder request(String real, List<String> generations) {
    CollapseRequest.Builder request =
        CollapseRequest.newBuilder()
            .setJobId("test")
            .setReference(DatasetRef.newBuilder().setDatasetId(real))
            .setOptionsJson("{\"seed\": 5}");
    generations.forEach(g -> request.addGenerations(DatasetRef.newBuilder().setDatasetId(g)));
    return request;
  }

  private Outcome call(CollapseRequest request) throws Exception {
    return await(
        GrpcTestKit.stream(grpc, port, CollapseGrpcClient.Analyse, request)
            .map(
                call ->
                    new Outcome(
                        call.status(),
                        call.message(),
                        call.messages().stream()
                            .filter(CollapseEvent::hasProgress)
                            .map(CollapseEvent::getProgress)
                            .toList(),
                        call.messages().stream()
                            .filter(CollapseEvent::hasReport)
                            .map(e -> new JsonObject(e.getReport().getReportJson()))
                            .findFirst()
                            .orElse(null))));
  }

  /**
   * Rows of a normal column with the given spread (and its tails), a skewed column, and a category
   * drawn from the first {@code categories} cities, the last ones rare.
   */
  private static String sample(Random random, int rows, double spread, int categories) {
    StringBuilder csv = new StringBuilder("height,weight,city\n");
    for (int i = 0; i < rows; i++) {
      int city = Math.min(categories - 1, (int) (categories * Math.pow(random.nextDouble(), 2)));
      csv.append(String.format("%.3f", 170 + 10 * spread * random.nextGaussian()))
          .append(',')
          .append(String.format("%.3f", 70 * Math.exp(0.3 * spread * random.nextGaussian())))
          .append(',')
          .append(CITIES[city])
          .append('\n');
    }
    return csv.toString();
  }

  /**
   * A dataset drawn from a model: five normal columns and a categorical one with two rare
   * categories. Refitting estimates the model again from a small sample of the rows, its tails
   * trimmed to the sample's [p1, p99] and its categories under 1% dropped.
   */
  private record Chain(double[][] numeric, int[] category) {

    static final double[] CATEGORY_SHARES = {
      0.2, 0.15, 0.12, 0.1, 0.1, 0.08, 0.07, 0.06, 0.05, 0.04, 0.02, 0.006, 0.004
    };
    static final int COLUMNS = 5;

    static Chain real(Random random, int rows) {
      double[] means = new double[COLUMNS];
      double[] deviations = new double[COLUMNS];
      Arrays.fill(deviations, 1);
      return draw(random, rows, means, deviations, CATEGORY_SHARES);
    }

    Chain refit(Random random, int sampleSize) {
      int rows = category.length;
      int[] sample = random.ints(0, rows).distinct().limit(sampleSize).toArray();
      double[] means = new double[COLUMNS];
      double[] deviations = new double[COLUMNS];
      for (int c = 0; c < COLUMNS; c++) {
        double[] column = numeric[c];
        double[] values = Arrays.stream(sample).mapToDouble(row -> column[row]).toArray();
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double low = sorted[(int) (0.01 * (sorted.length - 1))];
        double high = sorted[(int) Math.ceil(0.99 * (sorted.length - 1))];
        double[] kept = Arrays.stream(values).filter(v -> v >= low && v <= high).toArray();
        double mean = Arrays.stream(kept).average().orElseThrow();
        double squares = Arrays.stream(kept).map(v -> (v - mean) * (v - mean)).sum();
        means[c] = mean;
        deviations[c] = Math.sqrt(squares / (kept.length - 1));
      }
      double[] shares = new double[CATEGORY_SHARES.length];
      for (int row : sample) {
        shares[category[row]] += 1.0 / sampleSize;
      }
      for (int k = 0; k < shares.length; k++) {
        shares[k] = shares[k] < 0.01 ? 0 : shares[k];
      }
      return draw(random, rows, means, deviations, shares);
    }

    private static Chain draw(
        Random random, int rows, double[] means, double[] deviations, double[] shares) {
      double[][] numeric = new double[COLUMNS][rows];
      int[] category = new int[rows];
      double total = Arrays.stream(shares).sum();
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < COLUMNS; c++) {
          numeric[c][r] = means[c] + deviations[c] * random.nextGaussian();
        }
        double u = random.nextDouble() * total;
        int k = 0;
        while (k < shares.length - 1 && (u -= shares[k]) >= 0) {
          k++;
        }
        while (shares[k] == 0) {
          k--;
        }
        category[r] = k;
      }
      return new Chain(numeric, category);
    }

    String csv() {
      StringBuilder csv = new StringBuilder("x1,x2,x3,x4,x5,group\n");
      for (int r = 0; r < category.length; r++) {
        for (int c = 0; c < COLUMNS; c++) {
          csv.append(String.format(Locale.ROOT, "%.5f", numeric[c][r])).append(',');
        }
        csv.append("g").append(category[r]).append('\n');
      }
      return csv.toString();
    }
  }
}
