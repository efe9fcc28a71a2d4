package io.synthos.orchestrator.pipelines;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.UUID;

/**
 * The row another resource keeps about each pipeline it asks for (the validations resource: a
 * validation per validation pipeline), written in the transaction that creates the pipeline, so
 * neither exists without the other. The resource owns the table and its SQL; the orchestrator only
 * lends it the transaction.
 */
public interface PipelineRecords {

  /**
   * Writes the record of pipeline {@code pipelineId} within {@code transaction}. When the caller's
   * earlier request wrote it already (the same idempotency key), answers that record, not created:
   * the orchestrator then creates nothing. A failure rolls the whole transaction back.
   *
   * @param record what the resource sent with the request, in its own shape
   */
  Future<Written> write(
      SqlClient transaction, UUID pipelineId, UUID owner, JsonObject record, Instant now);

  /** The record as the resource answers it to its caller, and whether this request wrote it. */
  record Written(JsonObject record, boolean created) {}
}
