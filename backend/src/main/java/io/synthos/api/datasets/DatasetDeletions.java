package io.synthos.api.datasets;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deleting a dataset: the record is hidden at once, the data service drops the bytes, then the
 * record goes. When the service cannot be reached, the janitor finishes the job later.
 */
final class DatasetDeletions {

  private static final Logger log = LoggerFactory.getLogger(DatasetDeletions.class);

  private final DatasetStore store;
  private final DataServiceClient data;
  private final Clock clock;

  DatasetDeletions(DatasetStore store, DataServiceClient data, Clock clock) {
    this.store = store;
    this.data = data;
    this.clock = clock;
  }

  /** Hides the dataset and drops its bytes; 404 when it is not the caller's or already gone. */
  Future<Void> delete(UUID id, UUID scope) {
    return store
        .markDeleting(id, scope, clock.instant())
        .compose(
            marked -> {
              if (!marked) {
                return DatasetRoutes.<Void>notFound();
              }
              // Hidden is deleted for the user; bytes the service cannot drop now, the janitor
              // drops.
              return drop(id).otherwiseEmpty();
            });
  }

  /** Drops the bytes of datasets hidden for longer than {@code age} and still not gone. */
  Future<Void> retryStale(Duration age) {
    return store
        .deleting(clock.instant().minus(age), 100)
        .compose(ids -> Future.join(ids.stream().map(this::drop).toList()).mapEmpty());
  }

  private Future<Void> drop(UUID id) {
    return data.delete(id)
        .compose(deleted -> store.purge(id))
        .onFailure(
            failure ->
                log.warn(
                    "the bytes of deleted dataset {} are not dropped yet ({}); retrying later",
                    id,
                    failure.getMessage()));
  }
}
