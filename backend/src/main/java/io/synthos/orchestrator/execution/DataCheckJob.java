package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.MlServiceClient;
import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.JobType;
import io.synthos.proto.v1.DataGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code data.check}: every dataset the job names must have its bytes stored with the data service;
 * a missing one fails the job. The result lists each dataset with its size.
 */
final class DataCheckJob implements JobExecutor {

  private final MlServiceClient data;

  DataCheckJob(MlServiceClient data) {
    this.data = data;
  }

  @Override
  public Future<JsonObject> execute(ClaimedJob job, JobControl control) {
    List<String> ids =
        JobType.DATA_CHECK.datasets().in(job.payload()).stream()
            .map(reference -> reference.datasetId().toString())
            .distinct()
            .toList();
    if (ids.isEmpty()) {
      return Future.failedFuture(JobFailure.permanent("the job names no dataset"));
    }
    JsonArray checked = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (String id : ids) {
      chain =
          chain
              .compose(
                  done -> GrpcCalls.unary(data, DataGrpcClient.Stat, DatasetRefs.of(id), control))
              .compose(
                  stat ->
                      stat.getStored()
                          ? Future.succeededFuture(
                                  checked.add(
                                      new JsonObject()
                                          .put("dataset_id", id)
                                          .put("size_bytes", stat.getSizeBytes())))
                              .mapEmpty()
                          : Future.failedFuture(
                              JobFailure.permanent("dataset " + id + " has no stored bytes")));
    }
    return chain.map(done -> new JsonObject().put("datasets", checked));
  }
}
