package io.synthos.ml.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.ml.GrpcTestKit;
import io.synthos.proto.v1.DescribeRequest;
import io.synthos.proto.v1.ValidationGrpcClient;
import io.synthos.proto.v1.ValidationGrpcService;
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
@DisplayName("The validation service")
class ValidationServiceVerticleTest {

  private int port;
  private GrpcClient grpc;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) throws Exception {
    port = GrpcTestKit.freePort();
    grpc = GrpcTestKit.client(vertx);
    vertx
        .deployVerticle(
            "io.synthos.ml.validation.ValidationServiceVerticle",
            new DeploymentOptions()
                .setConfig(GrpcTestKit.serviceConfig(port).put("dataService", "127.0.0.1:50054")))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName(
      "describes itself over gRPC, with the defaults when the config gives only a port and the"
          + " data service")
  void describes(VertxTestContext ctx) {
    ValidationGrpcClient.create(grpc, GrpcTestKit.local(port))
        .describe(DescribeRequest.getDefaultInstance())
        .onComplete(
            ctx.succeeding(
                info ->
                    ctx.verify(
                        () -> {
                          assertThat(info.getName()).isEqualTo("validation");
                          assertThat(info.getVersion()).isEqualTo("dev");
                          assertThat(info.getCapabilitiesList())
                              .containsExactly("fidelity", "privacy", "utility", "detection");
                          assertThat(info.getWorkerThreads()).isEqualTo(2);
                          assertThat(info.getStartedAtEpochMs()).isPositive();
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("refuses to start without the data service's address, naming the setting")
  void needsTheDataService(Vertx vertx, VertxTestContext ctx) throws Exception {
    vertx
        .deployVerticle(
            "io.synthos.ml.validation.ValidationServiceVerticle",
            new DeploymentOptions().setConfig(GrpcTestKit.serviceConfig(GrpcTestKit.freePort())))
        .onComplete(
            ctx.failing(
                failure ->
                    ctx.verify(
                        () -> {
                          assertThat(failure.getMessage()).contains("dataService");
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("reports SERVING for synthos.v1.Validation on the standard health check")
  void healthServing(VertxTestContext ctx) {
    GrpcTestKit.healthCheck(grpc, port, ValidationGrpcService.SERVICE_NAME.fullyQualifiedName())
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
