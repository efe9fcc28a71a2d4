package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.jobs.ClaimedJob;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * {@code warranty.issue}: NOT IMPLEMENTED YET. The stage fails permanently, so a pipeline that
 * reaches it (the {@code full} pipeline) halts with this reason instead of pretending to have
 * issued a warranty. Issuing it inside the pipeline is issue #26's work; warranties are issued
 * today by {@code POST /api/v1/warranties/request}.
 */
final class WarrantyJob implements JobExecutor {

  @Override
  public Future<JsonObject> execute(ClaimedJob job, JobControl control) {
    return Future.failedFuture(JobFailure.permanent("warranty issuance is not available yet"));
  }
}
