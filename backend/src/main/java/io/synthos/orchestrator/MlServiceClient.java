package io.synthos.orchestrator;

import io.synthos.platform.grpc.CallFailure;
import io.synthos.platform.grpc.ServiceClient;
import io.synthos.platform.health.CheckReport;
import io.synthos.platform.metrics.Metrics;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.v1.HealthCheckRequest;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;

/**
 * One ML service as the orchestrator reaches it: the factory's {@link ServiceClient} (a deadline on
 * every call, a circuit breaker), the metrics of its calls, and its health by the standard {@code
 * grpc.health.v1.Health/Check}.
 */
public final class MlServiceClient {

  private static final ServiceMethod<HealthCheckResponse, HealthCheckRequest> HEALTH_CHECK =
      ServiceMethod.client(
          ServiceName.create("grpc.health.v1.Health"),
          "Check",
          GrpcMessageEncoder.encoder(),
          GrpcMessageDecoder.decoder(HealthCheckResponse.newBuilder()));

  /**
   * Health answers fast or not at all: a hung service must not hold readiness for a full deadline.
   */
  private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(2);

  private final ServiceClient client;
  private final ServiceName service;
  private final Duration healthDeadline;
  private final Metrics metrics;

  /** {@code service} names the gRPC service whose health the standard check asks for. */
  MlServiceClient(Vertx vertx, ServiceClient client, ServiceName service) {
    this.client = client;
    this.service = service;
    Duration deadline = client.deadline();
    this.healthDeadline = deadline.compareTo(HEALTH_DEADLINE) < 0 ? deadline : HEALTH_DEADLINE;
    this.metrics = Metrics.of(vertx);
    // 0 closed, 1 half open, 2 open: alerts fire on 2.
    metrics.gauge(
        Metrics.CIRCUIT_BREAKER_STATE,
        client.breaker(),
        b ->
            switch (b.state()) {
              case CLOSED -> 0;
              case HALF_OPEN -> 1;
              case OPEN -> 2;
            },
        "service",
        client.name());
  }

  /** Counts and times one call to this service by method and gRPC status. */
  public void called(String method, String status, long nanos) {
    metrics.count(
        Metrics.GRPC_CLIENT_REQUESTS, "service", name(), "method", method, "status", status);
    metrics.time(Metrics.GRPC_CLIENT_DURATION, nanos, "service", name(), "method", method);
  }

  public String name() {
    return client.name();
  }

  /** The calls to the service: each under a deadline, through the service's breaker. */
  public ServiceClient client() {
    return client;
  }

  public CircuitBreaker breaker() {
    return client.breaker();
  }

  /**
   * Asks the service whether it serves; never fails, a problem is a down report with the reason.
   */
  public Future<CheckReport> health() {
    HealthCheckRequest request =
        HealthCheckRequest.newBuilder().setService(service.fullyQualifiedName()).build();
    return client
        .unary(HEALTH_CHECK, request, healthDeadline)
        .map(this::report)
        .otherwise(failure -> CheckReport.down(where() + ": " + reason(failure)));
  }

  private CheckReport report(HealthCheckResponse response) {
    JsonObject details =
        new JsonObject()
            .put("address", client.address().toString())
            .put("breaker", breaker().state().name());
    return response.getStatus() == ServingStatus.SERVING
        ? CheckReport.up(details)
        : CheckReport.down(where() + " answers " + response.getStatus());
  }

  private String where() {
    return name() + " service at " + client.address();
  }

  private static String reason(Throwable failure) {
    if (failure instanceof CallFailure call) {
      return call.detail() == null ? call.status().name() : call.detail();
    }
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }
}
