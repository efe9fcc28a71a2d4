package io.synthos.platform.grpc;

import io.synthos.platform.config.HostPort;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcReadStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One gRPC service as the backend reaches it, made by {@link GrpcClients}: every call carries a
 * deadline, this side cancels it when the deadline passes, and a circuit breaker of its own fails
 * calls at once while the service is down. A call that ends without its answer fails with a {@link
 * CallFailure} saying why; only the failures that mean the service is down count towards the
 * breaker, never an answer such as "not found".
 */
public final class ServiceClient {

  private final Vertx vertx;
  private final GrpcClient grpc;
  private final String name;
  private final HostPort address;
  private final SocketAddress socket;
  private final Duration deadline;
  private final CircuitBreaker breaker;

  ServiceClient(
      Vertx vertx,
      GrpcClient grpc,
      String name,
      HostPort address,
      Duration deadline,
      CircuitBreakerOptions breakerOptions) {
    this.vertx = vertx;
    this.grpc = grpc;
    this.name = name;
    this.address = address;
    this.socket = SocketAddress.inetSocketAddress(address.port(), address.host());
    this.deadline = deadline;
    this.breaker =
        CircuitBreaker.create("grpc-" + name, vertx, breakerOptions)
            .failurePolicy(outcome -> outcome.failed() && CallFailure.serviceDown(outcome.cause()));
  }

  /** The service's name in messages and metrics: {@code data}, {@code validation}… */
  public String name() {
    return name;
  }

  public HostPort address() {
    return address;
  }

  /** The deadline of a call that names none. */
  public Duration deadline() {
    return deadline;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  /** One request, one answer, under the client's deadline. */
  public <Req, Resp> Future<Resp> unary(ServiceMethod<Resp, Req> method, Req request) {
    return unary(method, request, deadline);
  }

  /** One request, one answer, under {@code deadline}. */
  public <Req, Resp> Future<Resp> unary(
      ServiceMethod<Resp, Req> method, Req request, Duration deadline) {
    return call(method, deadline, call -> call.send(request).compose(GrpcClientResponse::last));
  }

  /**
   * A call of any shape: {@code exchange} sends on the opened call and reads what it needs of the
   * answer. The deadline runs from now until the call ends, also past {@code exchange}'s result
   * when that is a stream the caller reads or writes on; then the call is cancelled.
   */
  public <Req, Resp, T> Future<T> call(
      ServiceMethod<Resp, Req> method,
      Duration deadline,
      Function<GrpcClientRequest<Req, Resp>, Future<T>> exchange) {
    return breaker
        .<T>execute(() -> attempt(method, deadline, exchange))
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof OpenCircuitException
                        ? CallFailure.circuitOpen(name)
                        : failure));
  }

  private <Req, Resp, T> Future<T> attempt(
      ServiceMethod<Resp, Req> method,
      Duration deadline,
      Function<GrpcClientRequest<Req, Resp>, Future<T>> exchange) {
    Promise<T> outcome = Promise.promise();
    AtomicReference<GrpcClientRequest<Req, Resp>> opened = new AtomicReference<>();
    long start = System.nanoTime();
    // The timer is this side's, not the client's option: connecting counts too, and no client
    // built without the option can leave a call hanging on a silent service.
    long timer =
        vertx.setTimer(
            deadline.toMillis(),
            fired -> {
              outcome.tryFail(CallFailure.deadlineExceeded(name, deadline));
              GrpcClientRequest<Req, Resp> call = opened.get();
              if (call != null) {
                call.cancel();
              }
            });
    grpc.request(socket, method)
        .onFailure(
            failure -> {
              vertx.cancelTimer(timer);
              outcome.tryFail(CallFailure.unreachable(name, failure));
            })
        .onSuccess(
            call -> {
              if (outcome.future().isComplete()) {
                call.cancel();
                return;
              }
              opened.set(call);
              long left = deadline.toMillis() - (System.nanoTime() - start) / 1_000_000;
              // Tells the service how long the answer is worth waiting for.
              call.timeout(Math.max(1, left), TimeUnit.MILLISECONDS);
              call.response()
                  .compose(GrpcReadStream::end)
                  .onComplete(ended -> vertx.cancelTimer(timer));
              exchange(call, exchange)
                  .onSuccess(outcome::tryComplete)
                  .onFailure(failure -> outcome.tryFail(explain(call, failure)));
            });
    return outcome.future();
  }

  private static <Req, Resp, T> Future<T> exchange(
      GrpcClientRequest<Req, Resp> call,
      Function<GrpcClientRequest<Req, Resp>, Future<T>> exchange) {
    try {
      return exchange.apply(call);
    } catch (RuntimeException e) {
      call.cancel();
      return Future.failedFuture(e);
    }
  }

  /**
   * A failed call as a {@link CallFailure} when the service answered a status or could not be
   * reached; any other failure (the caller's own) as it is.
   */
  private Throwable explain(GrpcClientRequest<?, ?> call, Throwable failure) {
    if (failure instanceof CallFailure) {
      return failure;
    }
    GrpcClientResponse<?, ?> response =
        call.response().succeeded() ? call.response().result() : null;
    if (response != null && response.status() != null && response.status() != GrpcStatus.OK) {
      return CallFailure.answered(name, response.status(), response.statusMessage());
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root instanceof ConnectException || root instanceof IOException
        ? CallFailure.unreachable(name, failure)
        : failure;
  }
}
