package io.synthos.ml.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.ml.GrpcTestKit;
import io.synthos.proto.v1.DataGrpcClient;
import io.synthos.proto.v1.DataGrpcService;
import io.synthos.proto.v1.DatasetRef;
import io.synthos.proto.v1.DescribeRequest;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(VertxExtension.class)
@DisplayName("The data service")
class DataServiceVerticleTest {

  private static final UUID STORED = UUID.randomUUID();
  private static final byte[] BYTES = "a,b\n1,2\n3,4\n".getBytes();

  @TempDir Path dataDir;
  private int port;
  private GrpcClient grpc;
  private DataGrpcClient data;
  private long deployedAfter;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path original = dataDir.resolve("datasets").resolve(STORED.toString()).resolve("original");
    Files.createDirectories(original.getParent());
    Files.write(original, BYTES);
    port = GrpcTestKit.freePort();
    grpc = GrpcTestKit.client(vertx);
    data = DataGrpcClient.create(grpc, GrpcTestKit.local(port));
    deployedAfter = System.currentTimeMillis();
    deploy(vertx, config(port)).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("describes itself over gRPC with its version, capabilities and worker pool")
  void describes(VertxTestContext ctx) {
    data.describe(DescribeRequest.getDefaultInstance())
        .onComplete(
            ctx.succeeding(
                info ->
                    ctx.verify(
                        () -> {
                          assertThat(info.getName()).isEqualTo("data");
                          assertThat(info.getVersion()).isEqualTo("1.2.3");
                          assertThat(info.getCapabilitiesList())
                              .containsExactly(
                                  "ingest",
                                  "schema",
                                  "profile",
                                  "read-columns",
                                  "read-dataset",
                                  "delete-dataset");
                          assertThat(info.getWorkerThreads()).isEqualTo(3);
                          assertThat(info.getStartedAtEpochMs())
                              .isBetween(deployedAfter, System.currentTimeMillis());
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("reports SERVING for synthos.v1.Data on the standard health check")
  void healthServing(VertxTestContext ctx) {
    String name = DataGrpcService.SERVICE_NAME.fullyQualifiedName();
    GrpcTestKit.healthCheck(grpc, port, name)
        .onComplete(
            ctx.succeeding(
                health ->
                    ctx.verify(
                        () -> {
                          assertThat(name).isEqualTo("synthos.v1.Data");
                          assertThat(health.getStatus()).isEqualTo(ServingStatus.SERVING);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("answers NOT_FOUND on the health check for a service it does not run")
  void healthUnknown(VertxTestContext ctx) {
    GrpcTestKit.healthCheck(grpc, port, "synthos.v1.Nope")
        .onComplete(
            ctx.failing(
                err ->
                    ctx.verify(
                        () -> {
                          assertThat(err).isInstanceOf(InvalidStatusException.class);
                          assertThat(((InvalidStatusException) err).actualStatus())
                              .isEqualTo(GrpcStatus.NOT_FOUND);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("stats a stored dataset with its size in bytes")
  void statStored(VertxTestContext ctx) {
    data.stat(ref(STORED.toString()))
        .onComplete(
            ctx.succeeding(
                stat ->
                    ctx.verify(
                        () -> {
                          assertThat(stat.getDatasetId()).isEqualTo(STORED.toString());
                          assertThat(stat.getStored()).isTrue();
                          assertThat(stat.getSizeBytes()).isEqualTo(BYTES.length);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("stats a dataset it does not hold as not stored")
  void statMissing(VertxTestContext ctx) {
    String missing = UUID.randomUUID().toString();
    data.stat(ref(missing))
        .onComplete(
            ctx.succeeding(
                stat ->
                    ctx.verify(
                        () -> {
                          assertThat(stat.getDatasetId()).isEqualTo(missing);
                          assertThat(stat.getStored()).isFalse();
                          assertThat(stat.getSizeBytes()).isZero();
                          ctx.completeNow();
                        })));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"../../etc/passwd", "", "1-1-1-1-1", "not-a-uuid"})
  @DisplayName("refuses a dataset id that is not a UUID with INVALID_ARGUMENT and says why")
  void statInvalidId(String id, VertxTestContext ctx) {
    GrpcTestKit.call(grpc, port, DataGrpcClient.Stat, ref(id))
        .compose(response -> response.end().transform(ended -> Future.succeededFuture(response)))
        .onComplete(
            ctx.succeeding(
                response ->
                    ctx.verify(
                        () -> {
                          assertThat(response.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
                          assertThat(response.statusMessage())
                              .contains("dataset_id must be a UUID");
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("fails a second deployment on a taken port with a message naming the port")
  void portTaken(VertxTestContext ctx) {
    // Another Vert.x instance stands for another process: one instance would share the port.
    Vertx other = Vertx.vertx();
    deploy(other, config(port))
        .onComplete(
            ctx.failing(
                err ->
                    ctx.verify(
                        () -> {
                          assertThat(err)
                              .hasMessageStartingWith(
                                  "data service: cannot listen on 127.0.0.1:" + port)
                              .hasMessageContaining("port already in use?");
                          other.close().onComplete(ctx.succeedingThenComplete());
                        })));
  }

  @Test
  @DisplayName("refuses to start without a dataDir, naming the key")
  void needsDataDir(Vertx vertx, VertxTestContext ctx) throws Exception {
    JsonObject config = config(GrpcTestKit.freePort());
    config.remove("dataDir");
    deploy(vertx, config)
        .onComplete(
            ctx.failing(
                err ->
                    ctx.verify(
                        () -> {
                          assertThat(err).hasMessage("data service: config 'dataDir' is required");
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("stops listening when undeployed")
  void stops(Vertx vertx, VertxTestContext ctx) {
    String deployment = vertx.deploymentIDs().iterator().next();
    vertx
        .undeploy(deployment)
        .compose(undeployed -> data.describe(DescribeRequest.getDefaultInstance()))
        .onComplete(ctx.failingThenComplete());
  }

  private JsonObject config(int port) {
    return GrpcTestKit.serviceConfig(port)
        .put("dataDir", dataDir.toString())
        .put("workerThreads", 3)
        .put("version", "1.2.3");
  }

  private static Future<String> deploy(Vertx vertx, JsonObject config) {
    // By class name, as the backend does: it never imports ML code.
    return vertx.deployVerticle(
        "io.synthos.ml.data.DataServiceVerticle", new DeploymentOptions().setConfig(config));
  }

  private static DatasetRef ref(String id) {
    return DatasetRef.newBuilder().setDatasetId(id).build();
  }
}
