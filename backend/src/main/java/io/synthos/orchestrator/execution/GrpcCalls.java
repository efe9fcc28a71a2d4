package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.MlServiceClient;
import io.synthos.platform.grpc.CallFailure;
import io.synthos.platform.grpc.ServiceClient;
import io.synthos.platform.tracing.Spans;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One unary call to an ML service for a job: through the service's client (its deadline, its
 * circuit breaker), cancelled when the job is asked to stop, and failing with a {@link JobFailure}
 * that says whether to wait for the service, retry, or give up.
 */
final class GrpcCalls {

  /**
   * Ends that mean the service cannot take the work now (unreachable, breaker open, too slow,
   * overloaded): the job waits for it.
   */
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
    return call(service, method, request, control, deadline, GrpcClientResponse::last);
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
          response.exceptionHandler(last::tryFail);
          response.endHandler(
              ended -> {
                if (response.status() != null && response.status() != GrpcStatus.OK) {
                  // The service client reads the status and the service's words from the call.
                  last.tryFail(new InvalidStatusException(GrpcStatus.OK, response.status()));
                } else if (latest.get() == null) {
                  last.tryFail(JobFailure.permanent(service.name() + " service answered nothing"));
                } else {
                  last.tryComplete(latest.get());
                }
              });
          return last.future();
        });
  }

  /**
   * @param deadline the call's own, or null for the client's (quick calls)
   */
  private static <Req, Resp> Future<Resp> call(
      MlServiceClient service,
      ServiceMethod<Resp, Req> method,
      Req request,
      JobControl control,
      Duration deadline,
      Function<GrpcClientResponse<Req, Resp>, Future<Resp>> answer) {
    long start = System.nanoTime();
    ServiceClient client = service.client();
    AtomicReference<GrpcClientResponse<Req, Resp>> answered = new AtomicReference<>();
    return stoppable(
            Spans.client(
                method.fullMethodName(),
                rpcTags(method),
                () ->
                    client.call(
                        method,
                        deadline == null ? client.deadline() : deadline,
                        call -> {
                          control.stopRequested().onSuccess(reason -> call.cancel());
                          return call.send(request)
                              .compose(
                                  response -> {
                                    answered.set(response);
                                    return answer.apply(response);
                                  });
                        })),
            control)
        .recover(
            failure -> Future.failedFuture(jobFailure(service, failure, control, deadline != null)))
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
    if (failure instanceof JobFailure job && job.getCause() instanceof CallFailure call) {
      return call.kind() == CallFailure.Kind.CIRCUIT_OPEN ? "CIRCUIT_OPEN" : call.status().name();
    }
    return GrpcStatus.UNAVAILABLE.name();
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

  /**
   * What a failed call means for the job: a service that is down is waited for; an answer the input
   * caused gives up; anything else, a computation that outran its own deadline included, is
   * retried.
   *
   * @param work whether the call was a computation under its own deadline
   */
  private static JobFailure jobFailure(
      MlServiceClient service, Throwable failure, JobControl control, boolean work) {
    if (control.stopping()) {
      return new JobFailure(
          JobFailure.Kind.CANCELLED, "stopped: " + control.stopRequested().result());
    }
    if (failure instanceof JobFailure known) {
      return known;
    }
    if (!(failure instanceof CallFailure call)) {
      String reason =
          failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
      return new JobFailure(
          JobFailure.Kind.RETRYABLE, service.name() + " service call failed: " + reason, failure);
    }
    JobFailure.Kind kind;
    if (call.kind() == CallFailure.Kind.ANSWERED && call.status() == GrpcStatus.CANCELLED) {
      kind = JobFailure.Kind.CANCELLED;
    } else if (call.kind() == CallFailure.Kind.DEADLINE_EXCEEDED && work) {
      // A validation that outruns its deadline may be too big rather than its service down: spend
      // an attempt on it, so that it ends.
      kind = JobFailure.Kind.RETRYABLE;
    } else if (SERVICE_DOWN.contains(call.status())) {
      kind = JobFailure.Kind.UNAVAILABLE;
    } else if (call.kind() == CallFailure.Kind.ANSWERED && HOPELESS.contains(call.status())) {
      kind = JobFailure.Kind.PERMANENT;
    } else {
      kind = JobFailure.Kind.RETRYABLE;
    }
    return new JobFailure(kind, call.getMessage(), call);
  }
}
