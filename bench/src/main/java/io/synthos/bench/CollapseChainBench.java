package io.synthos.bench;

import io.synthos.ml.collapse.CollapseServiceVerticle;
import io.synthos.platform.FreePort;
import io.synthos.platform.MlGrpcClient;
import io.synthos.proto.v1.CollapseEvent;
import io.synthos.proto.v1.CollapseGrpcClient;
import io.synthos.proto.v1.CollapseRequest;
import io.synthos.proto.v1.DatasetRef;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Times a collapse analysis end to end: a reference and ten generations of 100k rows (the 20
 * columns of {@link SyntheticCsv}) stored and ingested by a real data service, then one Analyse
 * call to a real collapse service, which reads every column over gRPC, computes PRDC (on at most
 * {@code knn_max_rows} rows a side) and the column signals of each generation, and answers the
 * report.
 *
 * <pre>
 * mvn -Pbench -q compile exec:java -Dexec.mainClass=io.synthos.bench.CollapseChainBench \
 *     -Dbench.rows=100000 -Dbench.generations=10 -Dbench.knnMaxRows=50000
 * </pre>
 */
public final class CollapseChainBench {

  private static final int ROWS = BenchSupport.intProperty("bench.rows", 100_000);
  private static final int GENERATIONS = BenchSupport.intProperty("bench.generations", 10);
  private static final int KNN_MAX_ROWS = BenchSupport.intProperty("bench.knnMaxRows", 50_000);

  private CollapseChainBench() {}

  public static void main(String[] args) throws Exception {
    BenchSupport.quietLogs();
    Path dir = Files.createTempDirectory("synthos-collapse-bench");
    try (InProcessDataService data = InProcessDataService.start(dir.resolve("data"))) {
      long ingestStart = System.nanoTime();
      List<String> ids = new ArrayList<>();
      for (int g = 0; g <= GENERATIONS; g++) {
        Path csv = dir.resolve("generation-" + g + ".csv");
        SyntheticCsv.writeRows(csv, ROWS, 42 + g);
        String id = data.upload(csv);
        data.ingest(id);
        ids.add(id);
      }
      double ingestSeconds = (System.nanoTime() - ingestStart) / 1e9;
      System.out.printf(
          "stored and ingested a reference and %d generations of %,d rows x %d columns: %.1f s%n",
          GENERATIONS, ROWS, SyntheticCsv.COLUMNS, ingestSeconds);
      analyse(data.hostPort(), ids);
    }
  }

  private static void analyse(String dataService, List<String> ids) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      int port = FreePort.find();
      JsonObject config =
          new JsonObject()
              .put("host", "127.0.0.1")
              .put("port", port)
              .put("dataService", dataService)
              .put("serviceSecret", InProcessDataService.SERVICE_SECRET.value());
      await(
          vertx.deployVerticle(
              new CollapseServiceVerticle(), new DeploymentOptions().setConfig(config)));
      GrpcClient grpc =
          MlGrpcClient.carrying(
              GrpcClient.client(
                  vertx,
                  new GrpcClientOptions()
                      .setTimeout(60)
                      .setTimeoutUnit(TimeUnit.MINUTES)
                      .setScheduleDeadlineAutomatically(true)),
              InProcessDataService.SERVICE_SECRET);
      CollapseRequest.Builder request =
          CollapseRequest.newBuilder()
              .setJobId("bench")
              .setReference(DatasetRef.newBuilder().setDatasetId(ids.get(0)))
              .setOptionsJson(new JsonObject().put("knn_max_rows", KNN_MAX_ROWS).encode());
      ids.stream()
          .skip(1)
          .forEach(id -> request.addGenerations(DatasetRef.newBuilder().setDatasetId(id)));

      long start = System.nanoTime();
      CollapseEvent last =
          await(
              CollapseGrpcClient.create(grpc, SocketAddress.inetSocketAddress(port, "127.0.0.1"))
                  .analyse(request.build())
                  .compose(events -> events.collect(Collectors.reducing(null, (a, b) -> b))));
      double seconds = (System.nanoTime() - start) / 1e9;
      JsonObject report = new JsonObject(last.getReport().getReportJson());
      System.out.printf(
          "analysed %d generations end to end (knn_max_rows %,d, sampled %s): %.1f s; risk %s%n",
          ids.size() - 1,
          KNN_MAX_ROWS,
          report.getBoolean("sampled"),
          seconds,
          report.getString("risk"));
    } finally {
      await(vertx.close());
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(2, TimeUnit.HOURS);
  }
}
