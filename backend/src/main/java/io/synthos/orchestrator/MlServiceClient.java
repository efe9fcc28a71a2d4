package io.synthos.orchestrator;

import io.synthos.orchestrator.execution.JobFailure;
import io.synthos.platform.config.HostPort;
import io.synthos.platform.health.CheckReport;
import io.synthos.platform.metrics.Metrics;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.v1.HealthCheckRequest;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One ML service as the orchestrator reaches it: its address, its circuit breaker, and its health
 * by the standard {@code grpc.health.v1.Health/Check}. Calls share the verticle's one gRPC client,
 * whose options put a deadline on every call.
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

  private final String name;
  private final ServiceName service;
  private final HostPort address;
  private final SocketAddress socket;
  private final GrpcClient grpc;
  private final CircuitBreaker breaker;
  private final Duration healthDeadline;
  private final Metrics metrics;

  MlServiceClient(
      Vertx vertx,
      GrpcClient grpc,
      String name,
      ServiceName service,
      HostPort address,
      Duration deadline) {
    this.name = name;
    this.service = service;
    this.address = address;
    this.socket = SocketAddress.inetSocketAddress(address.port(), address.host());
    this.grpc = grpc;
    this.healthDeadline = deadline.compareTo(HEALTH_DEADLINE) < 0 ? deadline : HEALTH_DEADLINE;
    this.breaker =
        CircuitBreaker.create(
                "grpc-" + name,
                vertx,
                new CircuitBreakerOptions()
                    .setMaxFailures(3)
                    // No breaker timeout: every call carries its own gRPC deadline, and
                    // computations
                    // run far longer than a quick call.
                    .setTimeout(-1)
                    .setResetTimeout(5_000))
            .failurePolicy(outcome -> outcome.failed() && saysServiceDown(outcome.cause()));
    this.metrics = Metrics.of(vertx);
    // 0 closed, 1 half open, 2 open: alerts fire on 2.
    metrics.gauge(
        Metrics.CIRCUIT_BREAKER_STATE,
        breaker,
        b ->
            switch (b.state()) {
              case CLOSED -> 0;
              case HALF_OPEN -> 1;
              case OPEN -> 2;
            },
        "service",
        name);
  }

  /** Counts and times one call to this service by method and gRPC status. */
  public void called(String method, String status, long nanos) {
    metrics.count(
        Metrics.GRPC_CLIENT_REQUESTS, "service", name, "method", method, "status", status);
    metrics.time(Metrics.GRPC_CLIENT_DURATION, nanos, "service", name, "method", method);
  }

  /**
   * Only a service that is down, unreachable, overloaded or too slow trips the breaker. A service
   * that answers — even "this CSV is malformed" or an error of its own — is up: counting those
   * opened the breaker on a run of bad uploads and stalled every good one behind them.
   */
  static boolean saysServiceDown(Throwable failure) {
    return !(failure instanceof JobFailure job) || job.kind() == JobFailure.Kind.UNAVAILABLE;
  }

  public String name() {
    return name;
  }

  /** Where the service listens, for the stubs generated from {@code proto/}. */
  public SocketAddress socket() {
    return socket;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  /** The verticle's gRPC client, which puts the configured deadline on every call. */
  public GrpcClient grpc() {
    return grpc;
  }

  /**
   * Asks the service whether it serves; never fails, a problem is a down report with the reason.
   */
  public Future<CheckReport> health() {
    HealthCheckRequest request =
        HealthCheckRequest.newBuilder().setService(service.fullyQualifiedName()).build();
    return breaker
        .<HealthCheckResponse>execute(
            () ->
                grpc.request(socket, HEALTH_CHECK)
                    .compose(call -> send(call, request))
                    .compose(response -> response.last()))
        .map(this::report)
        .otherwise(
            failure -> CheckReport.down(name + " service at " + address + ": " + reason(failure)));
  }

  private Future<GrpcClientResponse<HealthCheckRequest, HealthCheckResponse>> send(
      GrpcClientRequest<HealthCheckRequest, HealthCheckResponse> call, HealthCheckRequest request) {
    return call.timeout(healthDeadline.toMillis(), TimeUnit.MILLISECONDS).send(request);
  }

  private CheckReport report(HealthCheckResponse response) {
    JsonObject details =
        new JsonObject().put("address", address.toString()).put("breaker", breaker.state().name());
    return response.getStatus() == ServingStatus.SERVING
        ? CheckReport.up(details)
        : CheckReport.down(name + " service at " + address + " answers " + response.getStatus());
  }

  private static String reason(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  public void close() {
    breaker.close();
  }
}
