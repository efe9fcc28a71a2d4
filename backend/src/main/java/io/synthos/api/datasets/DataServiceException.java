package io.synthos.api.datasets;

import io.vertx.grpc.common.GrpcStatus;

/** The data service refused a call with a status other than "unavailable". */
final class DataServiceException extends RuntimeException {

  private final GrpcStatus status;

  DataServiceException(GrpcStatus status, String message) {
    super(message == null || message.isBlank() ? status.name() : message, null, false, false);
    this.status = status;
  }

  GrpcStatus status() {
    return status;
  }

  /** The service said it cannot answer now, rather than refusing the call. */
  boolean serviceDown() {
    return status == GrpcStatus.UNAVAILABLE || status == GrpcStatus.DEADLINE_EXCEEDED;
  }
}
