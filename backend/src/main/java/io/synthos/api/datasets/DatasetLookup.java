package io.synthos.api.datasets;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the other resources may learn of datasets: which of some ids a user owns, and their status
 * and digest. Validations check their inputs with it; warranties name the digests they cover.
 */
public final class DatasetLookup {

  private static final String OWNED =
      "SELECT id, name, status, sha256, rows FROM datasets"
          + " WHERE id = ANY($1) AND owner_id = $2 AND status <> 'deleting'";

  /** One dataset as another resource sees it. */
  public record OwnedDataset(UUID id, String name, String status, String sha256, Long rows) {
    public boolean ready() {
      return "ready".equals(status);
    }
  }

  private final Pool pool;

  DatasetLookup(Pool pool) {
    this.pool = pool;
  }

  /** The datasets among {@code ids} that {@code owner} owns, by id; the others are absent. */
  public Future<Map<UUID, OwnedDataset>> owned(UUID owner, Collection<UUID> ids) {
    return pool.preparedQuery(OWNED)
        .execute(Tuple.of(ids.toArray(UUID[]::new), owner))
        .map(
            rows -> {
              Map<UUID, OwnedDataset> found = new LinkedHashMap<>();
              rows.forEach(
                  row ->
                      found.put(
                          row.getUUID("id"),
                          new OwnedDataset(
                              row.getUUID("id"),
                              row.getString("name"),
                              row.getString("status"),
                              row.getString("sha256"),
                              row.getLong("rows"))));
              return found;
            });
  }
}
