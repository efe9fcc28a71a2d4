package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.MlServiceClient;
import io.synthos.platform.tracing.Spans;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One unary call to an ML service for a job: through the service's circuit breaker, under the
 * client's deadline, cancelled when the job is asked to stop, and failing with a {@link JobFailure}
 * that says whether to wait for the service, retry, or give up.
 */
final class GrpcCalls {

  private static final Set<GrpcStatus> SERVICE_DOWN =
      Set.of(GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.RESOURCE_EXHAUSTED);
  private static final Set<GrpcStatus> HOPELESS =
      Set.of(
          GrpcStatus.UNIMPLEMENTED,
          GrpcStatus.INVALID_ARGUMENT,
          GrpcStatus.NOT_FOUND,
          GrpcStatus.FAILED_PRECONDITION,
          GrpcStatus.PERMISSION_DENIED,
          // The nodes hold different ML services' secrets: no retry fixes that.
          GrpcStatus.UNAUTHENTICATED);

  private GrpcCalls() {}

  /** A quick call, under the client's deadline. */
  static <Req, Resp> Future<Resp> unary(
      MlServiceClient service, ServiceMethod<Resp, Req> method, Req request, JobControl control) {
    return unary(service, method, request, control, null);
  }

  /** A call under its own {@code deadline}, for computations that outlast a quick call's. */
  static <Req, Resp> Future<Resp> unary(
      MlServiceClient service,
      ServiceMethod<Resp, Req> method,
      Req request,
      JobControl control,
      Duration deadline) {
    return call(
        service,
        method,
        request,
        control,
        deadline,
        response ->
            response
                .last()
                .recover(failure -> Future.failedFuture(statusFailure(service, response))));
  }

  /**
   * A call answered by a stream (progress, then the result), under its own {@code deadline}: each
   * message goes to {@code onMessage}; the answer is the last one.
   */
  static <Req, Resp> Future<Resp> lastOfStream(
      MlServiceClient service,
      ServiceMethod<Resp, Req> method,
      Req request,
      JobControl control,
      Duration deadline,
      Consumer<Resp> onMessage) {
    return call(
        service,
        method,
        request,
        control,
        deadline,
        response -> {
          Promise<Resp> last = Promise.promise();
          AtomicReference<Resp> latest = new AtomicReference<>();
          response.handler(
              message -> {
                latest.set(message);
                onMessage.accept(message);
              });
          response.exceptionHandler(
              failure ->
                  last.tryFail(
                      response.status() != null && response.status() != GrpcStatus.OK
                          ? statusFailure(service, response)
                          : failure));
          response.endHandler(
              ended -> {
                if (response.status() != null && response.status() != GrpcStatus.OK) {
                  last.tryFail(statusFailure(service, response));
                } else if (latest.get() == null) {
                  last.tryFail(JobFailure.permanent(service.name() + " service answered nothing"));
                } else {
                  last.tryComplete(latest.get());
                }
              });
          return last.future();
        });
  }

  private static <Req, Resp> Future<Resp> call(
      MlServiceClient service,
      ServiceMethod<Resp, Req> method,
      Req request,
      JobControl control,
      Duration deadline,
      Function<GrpcClientResponse<Req, Resp>, Future<Resp>> answer) {
    long start = System.nanoTime();
    AtomicReference<GrpcClientResponse<Req, Resp>> answered = new AtomicReference<>();
    return service
        .breaker()
        .<Resp>execute(
            () ->
                stoppable(
                        Spans.client(
                            method.fullMethodName(),
                            rpcTags(method),
                            () ->
                                service
                                    .grpc()
                                    .request(service.socket(), method)
                                    .compose(
                                        call -> {
                                          control
                                              .stopRequested()
                                              .onSuccess(reason -> call.cancel());
                                          if (deadline != null) {
                                            call.timeout(
                                                deadline.toMillis(), TimeUnit.MILLISECONDS);
                                          }
                                          return call.send(request);
                                        })
                                    .compose(
                                        response -> {
                                          answered.set(response);
                                          return answer.apply(response);
                                        })),
                        control)
                    .recover(
                        failure ->
                            Future.failedFuture(
                                failure instanceof JobFailure
                                    ? (Throwable) failure
                                    : classify(service, failure, control))))
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof JobFailure ? failure : classify(service, failure, control)))
        .onComplete(
            done ->
                service.called(
                    method.methodName(),
                    status(done.succeeded(), answered.get(), done.cause()),
                    System.nanoTime() - start));
  }

  /** The call's gRPC status; one that never got an answer says why (circuit open, unreachable). */
  private static String status(
      boolean succeeded, GrpcClientResponse<?, ?> response, Throwable failure) {
    if (response != null && response.status() != null) {
      return response.status().name();
    }
    if (succeeded) {
      return GrpcStatus.OK.name();
    }
    if (failure instanceof JobFailure job && job.kind() == JobFailure.Kind.CANCELLED) {
      return GrpcStatus.CANCELLED.name();
    }
    return failure instanceof OpenCircuitException
            || failure != null && failure.getCause() instanceof OpenCircuitException
        ? "CIRCUIT_OPEN"
        : GrpcStatus.UNAVAILABLE.name();
  }

  /** The OpenTelemetry RPC attributes of a call, which Vert.x's HTTP/2 span does not carry. */
  private static Spans.Tags rpcTags(ServiceMethod<?, ?> method) {
    return Spans.Tags.of(
        "rpc.system", "grpc",
        "rpc.service", method.serviceName().fullyQualifiedName(),
        "rpc.method", method.methodName());
  }

  /**
   * The call's outcome, or its end as soon as the job is asked to stop: a cancelled call's response
   * does not always end, and the job must not hold its lease and resources meanwhile.
   */
  private static <T> Future<T> stoppable(Future<T> work, JobControl control) {
    Promise<T> outcome = Promise.promise();
    work.onComplete(outcome);
    control
        .stopRequested()
        .onSuccess(
            reason ->
                outcome.tryFail(new JobFailure(JobFailure.Kind.CANCELLED, "stopped: " + reason)));
    return outcome.future();
  }

  private static JobFailure statusFailure(
      MlServiceClient service, GrpcClientResponse<?, ?> response) {
    GrpcStatus status = response.status();
    String message =
        service.name()
            + " service answered "
            + status
            + (response.statusMessage() == null ? "" : ": " + response.statusMessage());
    if (status == GrpcStatus.CANCELLED) {
      return new JobFailure(JobFailure.Kind.CANCELLED, message);
    }
    if (SERVICE_DOWN.contains(status)) {
      return JobFailure.unavailable(message);
    }
    return HOPELESS.contains(status)
        ? JobFailure.permanent(message)
        : new JobFailure(JobFailure.Kind.RETRYABLE, message);
  }

  private static JobFailure classify(
      MlServiceClient service, Throwable failure, JobControl control) {
    if (control.stopping()) {
      return new JobFailure(
          JobFailure.Kind.CANCELLED, "stopped: " + control.stopRequested().result());
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        service.name()
            + " service unreachable: "
            + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    if (failure instanceof OpenCircuitException
        || failure instanceof io.vertx.circuitbreaker.TimeoutException
        || root instanceof ConnectException
        || root instanceof java.io.IOException) {
      return JobFailure.unavailable(message);
    }
    return new JobFailure(JobFailure.Kind.RETRYABLE, message);
  }
}
