package io.synthos.ml.collapse;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.ml.GrpcTestKit;
import io.synthos.ml.data.DataCalls;
import io.synthos.proto.v1.CollapseGrpcClient;
import io.synthos.proto.v1.CollapseRequest;
import io.synthos.proto.v1.DatasetRef;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collapse service over gRPC on simulated chains of generations, reading them from a real data
 * service: fresh samples of the real distribution stay healthy, a chain refitted on its own small
 * samples collapses, and bad requests are refused with the reason.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Tracking collapse across generations over gRPC")
class CollapseServiceTest {

  private static final String[] CITIES = {
    "Paris", "Berlin", "Rome", "Madrid", "Lisbon", "Vienna", "Oslo", "Riga"
  };

  @TempDir Path dataDir;
  private DataCalls data;
  private GrpcClient grpc;
  private int port;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    grpc = GrpcTestKit.client(vertx);
    int dataPort = await(GrpcTestKit.deployDataService(vertx, dataDir));
    data = new DataCalls(grpc, dataPort);
    port =
        await(
            GrpcTestKit.deployReadingService(
                vertx,
                "io.synthos.ml.collapse.CollapseServiceVerticle",
                dataPort,
                new JsonObject()));
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
  @DisplayName("calls a chain that loses its spread and its rare categories high, from when it did")
  void collapsingChain() throws Exception {
    Random random = new Random(2);
    String real = stored(sample(random, 400, 1.0, CITIES.length));
    List<String> generations = new ArrayList<>();
    double spread = 1.0;
    int categories = CITIES.length;
    for (int g = 0; g < 4; g++) {
      // Each generation refitted on a small sample of the last: narrower, fewer categories.
      spread *= 0.45;
      categories = Math.max(2, categories - 2);
      generations.add(stored(sample(random, 400, spread, categories)));
    }

    Outcome outcome = analyse(real, generations);
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(GrpcStatus.OK);
    JsonObject report = outcome.report();

    assertThat(report.getString("risk")).as(report.encode()).isEqualTo("high");
    assertThat(report.getInteger("first_collapsed_generation")).isBetween(1, 2);
    assertThat(report.getJsonArray("reasons")).isNotEmpty();
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

  private record Outcome(GrpcStatus status, String message, JsonObject report) {}

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
        GrpcTestKit.call(grpc, port, CollapseGrpcClient.Analyse, request)
            .compose(
                response ->
                    response
                        .last()
                        .map(
                            report ->
                                new Outcome(
                                    response.status(),
                                    response.statusMessage(),
                                    new JsonObject(report.getReportJson())))
                        .otherwise(
                            failure ->
                                new Outcome(response.status(), response.statusMessage(), null))));
  }

  private String stored(String csv) throws Exception {
    String id = UUID.randomUUID().toString();
    await(data.store(id, csv));
    return id;
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

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
