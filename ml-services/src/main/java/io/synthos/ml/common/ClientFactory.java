package io.synthos.ml.common;

import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ML services' one factory of gRPC clients (the backend has its own; the two share only the
 * generated stubs): one HTTP/2 client over the deployment config's TLS, and per service called a
 * {@link RemoteService} whose every call carries the service credential and a deadline, behind a
 * circuit breaker of its own.
 */
public final class ClientFactory {

  /** Calls in a row that find the service down before its breaker opens. */
  static final int MAX_FAILURES = 3;

  /** How long an open breaker fails calls at once before it lets one through to try. */
  static final Duration RESET_AFTER = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final GrpcClient grpc;
  private final ServiceCredential credential;
  private final List<RemoteService> services = new ArrayList<>();

  /** Over {@code grpc} as it is; its calls get {@code credential}. */
  public ClientFactory(Vertx vertx, GrpcClient grpc, ServiceCredential credential) {
    this.vertx = vertx;
    this.grpc = grpc;
    this.credential = credential;
  }

  /**
   * The factory of a service deployed with {@code config}: its {@code tls*} keys and its {@code
   * serviceSecret}.
   *
   * @throws IllegalArgumentException when the secret is missing
   */
  public static ClientFactory fromConfig(Vertx vertx, JsonObject config) {
    return new ClientFactory(
        vertx, GrpcClient.client(vertx, ServiceTls.client(config)), ServiceCredential.from(config));
  }

  /** The service called {@code name} at {@code address}; each call gets {@code deadline}. */
  public RemoteService service(String name, SocketAddress address, Duration deadline) {
    RemoteService service =
        new RemoteService(
            vertx,
            grpc,
            credential,
            name,
            address,
            deadline,
            new CircuitBreakerOptions()
                .setMaxFailures(MAX_FAILURES)
                // The deadline bounds each call; a read of a large dataset runs for minutes.
                .setTimeout(-1)
                .setResetTimeout(RESET_AFTER.toMillis())
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
