package io.synthos.ml.data;

import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Datasets with an upload, commit, abort, ingest or delete in flight: a second one answers ABORTED
 * instead of interleaving writes. Confined to the verticle's event loop; each deployed instance has
 * its own.
 */
final class DatasetLocks {

  private final Set<UUID> busy = new HashSet<>();

  /** Runs {@code action} unless {@code id} is busy, holding it until the action completes. */
  <T> Future<T> exclusive(UUID id, Supplier<Future<T>> action) {
    if (!busy.add(id)) {
      return Failures.status(
          GrpcStatus.ABORTED,
          "dataset " + id + " is busy with another upload, commit, ingest or delete");
    }
    Future<T> running;
    try {
      running = action.get();
    } catch (RuntimeException e) {
      running = Future.failedFuture(e);
    }
    return running.eventually(() -> Future.succeededFuture(busy.remove(id)));
  }
}
