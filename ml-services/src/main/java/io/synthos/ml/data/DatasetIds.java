package io.synthos.ml.data;

import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.util.UUID;

/** Checks dataset ids from callers: only a UUID may become part of a path. */
final class DatasetIds {

  private DatasetIds() {}

  /**
   * The id as a UUID, or a failure carrying gRPC {@code INVALID_ARGUMENT}. Only the canonical
   * 8-4-4-4-12 form is accepted: {@link UUID#fromString} alone also takes short forms such as
   * {@code 1-1-1-1-1}, which would name a different dataset than the caller wrote.
   */
  static Future<UUID> parse(String raw) {
    try {
      UUID id = UUID.fromString(raw);
      if (id.toString().equalsIgnoreCase(raw)) {
        return Future.succeededFuture(id);
      }
    } catch (IllegalArgumentException notAUuid) {
      // Falls through to the one failure below: the caller needs the rule, not the parser's words.
    }
    return Future.failedFuture(
        new StatusException(
            GrpcStatus.INVALID_ARGUMENT,
            "dataset_id must be a UUID such as 123e4567-e89b-12d3-a456-426614174000"));
  }
}
