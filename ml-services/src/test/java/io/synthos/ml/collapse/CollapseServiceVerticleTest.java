package io.synthos.ml.collapse;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.ml.GrpcTestKit;
import io.synthos.proto.v1.CollapseGrpcClient;
import io.synthos.proto.v1.CollapseGrpcService;
import io.synthos.proto.v1.DescribeRequest;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The collapse service")
class CollapseServiceVerticleTest {

  private int port;
  private GrpcClient grpc;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) throws Exception {
    port = GrpcTestKit.freePort();
    grpc = GrpcTestKit.client(vertx);
    vertx
        .deployVerticle(
            "io.synthos.ml.collapse.CollapseServiceVerticle",
            new DeploymentOptions()
                .setConfig(GrpcTestKit.serviceConfig(port).put("dataService", "127.0.0.1:50054")))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("describes itself over gRPC, with the defaults when the config gives only a port")
  void describes(VertxTestContext ctx) {
    CollapseGrpcClient.create(grpc, GrpcTestKit.local(port))
        .describe(DescribeRequest.getDefaultInstance())
        .onComplete(
            ctx.succeeding(
                info ->
                    ctx.verify(
                        () -> {
                          assertThat(info.getName()).isEqualTo("collapse");
                          assertThat(info.getVersion()).isEqualTo("dev");
                          assertThat(info.getCapabilitiesList())
                              .containsExactly("diversity", "collapse-trend");
                          assertThat(info.getWorkerThreads()).isEqualTo(2);
                          assertThat(info.getStartedAtEpochMs()).isPositive();
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("reports SERVING for synthos.v1.Collapse on the standard health check")
  void healthServing(VertxTestContext ctx) {
    GrpcTestKit.healthCheck(grpc, port, CollapseGrpcService.SERVICE_NAME.fullyQualifiedName())
        .onComplete(
            ctx.succeeding(
                health ->
                    ctx.verify(
                        () -> {
                          assertThat(health.getStatus()).isEqualTo(ServingStatus.SERVING);
                          ctx.completeNow();
                        })));
  }
}
