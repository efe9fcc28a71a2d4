package io.synthos.platform.grpc;

import io.synthos.platform.MlGrpcClient;
import io.synthos.platform.config.HostPort;
import io.synthos.platform.config.SynthosConfig;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one factory of the backend's gRPC clients, all of them callers of the ML services: one HTTP/2
 * client over the configured TLS with the services' secret on every call, and per service a {@link
 * ServiceClient} with a deadline on every call and a circuit breaker of its own. A verticle makes
 * one and closes it when it stops.
 */
public final class GrpcClients {

  /** Calls in a row that find the service down before its breaker opens. */
  static final int MAX_FAILURES = 3;

  /** How long an open breaker fails calls at once before it lets one through to try. */
  static final Duration RESET_AFTER = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final GrpcClient grpc;
  private final List<ServiceClient> services = new ArrayList<>();

  private GrpcClients(Vertx vertx, GrpcClient grpc) {
    this.vertx = vertx;
    this.grpc = grpc;
  }

  /**
   * Clients of the ML services as configured.
   *
   * @throws IllegalStateException when the configuration holds no secret for the ML services
   */
  public static GrpcClients create(Vertx vertx, SynthosConfig config) {
    // No deadline in the options: each ServiceClient puts its own on every call.
    return new GrpcClients(vertx, MlGrpcClient.create(vertx, config, new GrpcClientOptions()));
  }

  /**
   * Clients over {@code grpc} as it is, for tests that reach fake services with a client of theirs.
   */
  public static GrpcClients over(Vertx vertx, GrpcClient grpc) {
    return new GrpcClients(vertx, grpc);
  }

  /**
   * The client of the service called {@code name} at {@code address}, with a breaker of its own; a
   * call that names no deadline gets {@code deadline}.
   */
  public ServiceClient service(String name, HostPort address, Duration deadline) {
    ServiceClient service =
        new ServiceClient(
            vertx,
            grpc,
            name,
            address,
            deadline,
            new CircuitBreakerOptions()
                .setMaxFailures(MAX_FAILURES)
                // Every call has its own deadline, and computations run far longer than a quick
                // call: the breaker times nothing.
                .setTimeout(-1)
                .setResetTimeout(RESET_AFTER.toMillis())
                // Nobody listens to the breaker's own bus notices; state changes have handlers.
                .setNotificationAddress(null));
    services.add(service);
    return service;
  }

  /** Closes the breakers and the connections. */
  public Future<Void> close() {
    services.forEach(service -> service.breaker().close());
    return grpc.close();
  }
}
