package io.synthos.platform.grpc;

import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.Set;

/**
 * Why a call to a service ended without its answer: who ended it ({@link Kind}), the gRPC status it
 * ended with, and a message that names the service. Callers turn it into their own terms (a job's
 * failure, a problem answer, a status of their own).
 */
public final class CallFailure extends RuntimeException {

  /** Who ended the call, and so what its status means. */
  public enum Kind {
    /** The service answered with a status other than OK. */
    ANSWERED,
    /** No connection to the service, or the connection broke. */
    UNREACHABLE,
    /** The call's deadline passed before it ended; this side cancelled it. */
    DEADLINE_EXCEEDED,
    /** The service's circuit breaker is open: the call was not even tried. */
    CIRCUIT_OPEN
  }

  /**
   * The statuses that say the service is down, unreachable or too slow. Not RESOURCE_EXHAUSTED: the
   * data service answers it for an upload over the limit, and a run of those is no outage.
   */
  private static final Set<GrpcStatus> DOWN =
      Set.of(GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED);

  private final Kind kind;
  private final GrpcStatus status;
  private final String detail;

  private CallFailure(
      Kind kind, GrpcStatus status, String message, String detail, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
    this.status = status;
    this.detail = detail;
  }

  static CallFailure answered(String service, GrpcStatus status, String statusMessage) {
    return new CallFailure(
        Kind.ANSWERED,
        status,
        service
            + " service answered "
            + status
            + (statusMessage == null ? "" : ": " + statusMessage),
        statusMessage,
        null);
  }

  static CallFailure unreachable(String service, Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new CallFailure(
        Kind.UNREACHABLE,
        GrpcStatus.UNAVAILABLE,
        service + " service unreachable: " + reason,
        reason,
        cause);
  }

  static CallFailure deadlineExceeded(String service, Duration deadline) {
    String reason = "no answer within " + deadline.toMillis() + " ms";
    return new CallFailure(
        Kind.DEADLINE_EXCEEDED,
        GrpcStatus.DEADLINE_EXCEEDED,
        service + " service gave " + reason,
        reason,
        null);
  }

  static CallFailure circuitOpen(String service) {
    String reason = "its circuit breaker is open after repeated failures";
    return new CallFailure(
        Kind.CIRCUIT_OPEN,
        GrpcStatus.UNAVAILABLE,
        service + " service unreachable: " + reason,
        reason,
        null);
  }

  public Kind kind() {
    return kind;
  }

  /** The status the call ended with: the service's own, or the one this side's ending means. */
  public GrpcStatus status() {
    return status;
  }

  /** The service's status message, or this side's reason, without the service's name. */
  public String detail() {
    return detail;
  }

  /**
   * Whether the failure says the service is down — unreachable, too slow, or its breaker open —
   * rather than answering something the caller must deal with. Only these count towards opening its
   * breaker.
   */
  public boolean serviceDown() {
    return DOWN.contains(status);
  }

  /** {@link #serviceDown()} of any failure: one that is not a {@code CallFailure} is not. */
  static boolean serviceDown(Throwable failure) {
    return failure instanceof CallFailure call && call.serviceDown();
  }
}
