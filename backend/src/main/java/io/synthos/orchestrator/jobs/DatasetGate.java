package io.synthos.orchestrator.jobs;

import io.synthos.orchestrator.jobs.DatasetMembers.Reference;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one check of every dataset a job or pipeline names, wherever the request came from (REST
 * jobs, pipelines and validations, gRPC): each must be the caller's (any, for an admin) or the
 * request is refused with 404, exactly as for an id that does not exist; and ready, when the job
 * reads it, or 409. It runs in the transaction that queues the work and holds the dataset rows
 * until it commits, so a dataset cannot be deleted or re-ingested between the check and the queue.
 *
 * <p>The dataset records belong to the API's datasets resource; this is the orchestrator's only
 * read of them, and it reads only owner and status.
 */
public final class DatasetGate {

  private static final String OWNED =
      "SELECT id, status FROM datasets WHERE id = ANY($1)"
          + " AND ($2::uuid IS NULL OR owner_id = $2) AND status <> 'deleting' FOR SHARE";

  private DatasetGate() {}

  /**
   * Succeeds when every dataset {@code references} names is visible to {@code scope} (null: an
   * admin, who sees every dataset) and, if {@code members} says so, ready.
   */
  public static Future<Void> admit(
      SqlClient transaction, UUID scope, DatasetMembers members, List<Reference> references) {
    if (references.isEmpty()) {
      return Future.succeededFuture();
    }
    UUID[] ids = references.stream().map(Reference::datasetId).distinct().toArray(UUID[]::new);
    return transaction
        .preparedQuery(OWNED)
        .execute(Tuple.of(ids, scope))
        .compose(
            rows -> {
              Map<UUID, String> status = new HashMap<>();
              for (Row row : rows) {
                status.put(row.getUUID("id"), row.getString("status"));
              }
              // Every reference is looked up before any readiness is judged: a 409 about one of
              // the caller's own datasets must not tell them that another id exists.
              for (Reference reference : references) {
                if (!status.containsKey(reference.datasetId())) {
                  return Future.failedFuture(notFound(reference));
                }
              }
              if (members.mustBeReady()) {
                for (Reference reference : references) {
                  String state = status.get(reference.datasetId());
                  if (!"ready".equals(state)) {
                    return Future.failedFuture(notReady(reference, state));
                  }
                }
              }
              return Future.succeededFuture();
            });
  }

  private static Throwable notFound(Reference reference) {
    return ProblemType.DATASET_NOT_FOUND.exception(
        "No dataset " + reference.datasetId() + " (" + reference.member() + ") is yours to use.");
  }

  private static Throwable notReady(Reference reference, String state) {
    return ProblemType.DATASET_NOT_READY.exception(
        "Dataset "
            + reference.datasetId()
            + " ("
            + reference.member()
            + ") is "
            + state
            + ", not ready; wait until it is.");
  }
}
