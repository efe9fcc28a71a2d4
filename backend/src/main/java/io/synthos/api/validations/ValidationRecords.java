package io.synthos.api.validations;

import io.synthos.auth.Principal;
import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.orchestrator.pipelines.PipelineKind;
import io.synthos.orchestrator.pipelines.PipelineRecords;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.UUID;

/**
 * A validation and its pipeline are created together: the API asks the orchestrator for the
 * pipeline with the validation's record, and the orchestrator writes the validation row here, in
 * the transaction that checks the datasets and creates the pipeline and its first job. A refusal or
 * a crash anywhere in between leaves neither. The row's SQL stays in {@link ValidationStore}: the
 * orchestrator only lends the transaction.
 */
public final class ValidationRecords implements PipelineRecords {

  /** The kind of pipeline a validation runs, and of which this keeps the record. */
  public static final PipelineKind KIND = PipelineKind.VALIDATION;

  /**
   * Asks for validation {@code id}: its row, its pipeline (under the same id) and the first job.
   * Answers the validation, or the one an earlier request with the same key created.
   */
  static Future<JsonObject> ask(
      OrchestratorClient orchestrator,
      Principal caller,
      UUID id,
      ValidationRequest request,
      String idempotencyKey) {
    JsonObject pipeline =
        new JsonObject()
            .put("pipeline_id", id.toString())
            .put("priority", request.priority())
            .put("input", request.pipelineInput());
    JsonObject record =
        new JsonObject().put("request", request.body()).put("idempotency_key", idempotencyKey);
    return orchestrator.createRecordedPipeline(caller, KIND.id(), pipeline, record);
  }

  /** Runs in the orchestrator, within the transaction that creates the pipeline. */
  @Override
  public Future<Written> write(
      SqlClient transaction, UUID pipelineId, UUID owner, JsonObject record, Instant now) {
    ValidationRequest request;
    try {
      request = ValidationRequest.of(record.getJsonObject("request"));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return new ValidationStore(transaction)
        .insert(pipelineId, owner, request, record.getString("idempotency_key"), now)
        .compose(
            inserted ->
                inserted.created()
                    ? Future.succeededFuture(new Written(inserted.validation(), true))
                    // The caller's request with the same key committed first.
                    : replay(inserted, request).map(earlier -> new Written(earlier, false)));
  }

  /**
   * The validation an earlier request with the same Idempotency-Key created, when this request is
   * the same one again; a different request with a used key is a 422.
   */
  static Future<JsonObject> replay(ValidationStore.Inserted earlier, ValidationRequest request) {
    if (!earlier.requestSha256().equals(request.sha256())) {
      return Future.failedFuture(
          ProblemType.IDEMPOTENCY_KEY_REUSED.exception(
              "This Idempotency-Key came with a different request before; use a new key."));
    }
    return Future.succeededFuture(earlier.validation());
  }
}
