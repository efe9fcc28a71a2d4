package io.synthos.ml.data;

import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Failed futures carrying a gRPC status and a message fit for the caller. */
final class Failures {

  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  static <T> Future<T> status(GrpcStatus status, String message) {
    return Future.failedFuture(new StatusException(status, message));
  }

  /**
   * Keeps a failure that already carries a status; turns anything else into INTERNAL after logging
   * it, since its message may name server paths.
   */
  static <T> Future<T> toStatus(Throwable cause, String what) {
    if (cause instanceof StatusException) {
      return Future.failedFuture(cause);
    }
    LOG.warn("data service: {} failed", what, cause);
    return status(GrpcStatus.INTERNAL, what + " failed");
  }

  static StatusException exception(GrpcStatus status, String message) {
    return new StatusException(status, message);
  }
}
