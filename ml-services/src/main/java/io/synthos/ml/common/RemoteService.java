package io.synthos.ml.common;

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
import io.vertx.grpc.server.StatusException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A service an ML service calls, made by {@link ClientFactory}: every call carries the service
 * credential and a deadline this side keeps (cancelling the call when it passes), and a circuit
 * breaker fails calls at once while the service is down. A call that ends without its answer fails
 * with a {@link StatusException}: the service's own status and words, or UNAVAILABLE or
 * DEADLINE_EXCEEDED when this side ended it. Only those two open the breaker.
 */
public final class RemoteService {

  private final Vertx vertx;
  private final GrpcClient grpc;
  private final ServiceCredential credential;
  private final String name;
  private final SocketAddress address;
  private final Duration deadline;
  private final CircuitBreaker breaker;

  RemoteService(
      Vertx vertx,
      GrpcClient grpc,
      ServiceCredential credential,
      String name,
      SocketAddress address,
      Duration deadline,
      CircuitBreakerOptions breakerOptions) {
    this.vertx = vertx;
    this.grpc = grpc;
    this.credential = credential;
    this.name = name;
    this.address = address;
    this.deadline = deadline;
    this.breaker =
        CircuitBreaker.create("grpc-" + name, vertx, breakerOptions)
            .failurePolicy(outcome -> outcome.failed() && down(outcome.cause()));
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  /**
   * One call: {@code exchange} sends on it and reads what it needs of the answer. The deadline runs
   * from now until the call ends, also while a caller reads a stream past {@code exchange}'s
   * result.
   */
  public <Req, Resp, T> Future<T> call(
      ServiceMethod<Resp, Req> method, Function<GrpcClientRequest<Req, Resp>, Future<T>> exchange) {
    return breaker
        .<T>execute(() -> attempt(method, exchange))
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof OpenCircuitException
                        ? new StatusException(
                            GrpcStatus.UNAVAILABLE,
                            "the "
                                + name
                                + " service is unreachable: its circuit breaker is open after"
                                + " repeated failures")
                        : failure));
  }

  private <Req, Resp, T> Future<T> attempt(
      ServiceMethod<Resp, Req> method, Function<GrpcClientRequest<Req, Resp>, Future<T>> exchange) {
    Promise<T> outcome = Promise.promise();
    Promise<GrpcClientRequest<Req, Resp>> opened = Promise.promise();
    // This side's timer, not a client option: connecting counts too, and the call ends for sure.
    long timer =
        vertx.setTimer(
            deadline.toMillis(),
            fired -> {
              outcome.tryFail(
                  new StatusException(
                      GrpcStatus.DEADLINE_EXCEEDED,
                      "the "
                          + name
                          + " service gave no answer within "
                          + deadline.toMillis()
                          + " ms"));
              opened.future().onSuccess(GrpcClientRequest::cancel);
            });
    grpc.request(address, method)
        .onFailure(
            failure -> {
              vertx.cancelTimer(timer);
              outcome.tryFail(
                  new StatusException(
                      GrpcStatus.UNAVAILABLE,
                      "the " + name + " service is unreachable: " + failure.getMessage()));
            })
        .onSuccess(
            call -> {
              opened.complete(credential.stamp(call));
              if (outcome.future().isComplete()) {
                return;
              }
              call.timeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
              call.response()
                  .compose(GrpcReadStream::end)
                  .onComplete(ended -> vertx.cancelTimer(timer));
              Future<T> answer;
              try {
                answer = exchange.apply(call);
              } catch (RuntimeException e) {
                answer = Future.failedFuture(e);
              }
              answer
                  .onSuccess(outcome::tryComplete)
                  .onFailure(failure -> outcome.tryFail(explain(call, failure)));
            });
    return outcome.future();
  }

  /** A status the service answered, or a broken connection, as a {@link StatusException}. */
  private Throwable explain(GrpcClientRequest<?, ?> call, Throwable failure) {
    if (failure instanceof StatusException) {
      return failure;
    }
    GrpcClientResponse<?, ?> response =
        call.response().succeeded() ? call.response().result() : null;
    if (response != null && response.status() != null && response.status() != GrpcStatus.OK) {
      return new StatusException(response.status(), response.statusMessage());
    }
    return failure instanceof IOException || failure.getCause() instanceof IOException
        ? new StatusException(
            GrpcStatus.UNAVAILABLE,
            "the " + name + " service is unreachable: " + failure.getMessage())
        : failure;
  }

  private static boolean down(Throwable failure) {
    return failure instanceof StatusException status
        && (status.status() == GrpcStatus.UNAVAILABLE
            || status.status() == GrpcStatus.DEADLINE_EXCEEDED);
  }
}
