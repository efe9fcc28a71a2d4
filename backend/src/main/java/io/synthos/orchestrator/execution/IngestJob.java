package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.MlServiceClient;
import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.proto.v1.DataGrpcClient;
import io.synthos.proto.v1.IngestRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * {@code data.ingest}: the data service parses, types and profiles a dataset's stored bytes. The
 * result is the profile's summary; the profile itself stays with the data service, which the
 * datasets resource asks for it.
 */
final class IngestJob implements JobExecutor {

  private static final List<String> SUMMARY =
      List.of("format", "rows", "columns", "bytes", "sha256");

  private final MlServiceClient data;
  private final Duration workDeadline;

  IngestJob(MlServiceClient data, Duration workDeadline) {
    this.data = data;
    this.workDeadline = workDeadline;
  }

  @Override
  public Future<JsonObject> execute(ClaimedJob job, JobControl control) {
    JsonObject input = job.payload();
    IngestRequest.Builder request =
        IngestRequest.newBuilder()
            .setDatasetId(input.getString("dataset_id", ""))
            .setFormat(input.getString("format", "csv"))
            .setDelimiter(input.getString("delimiter", ""));
    input
        .getJsonObject("column_types", new JsonObject())
        .forEach(type -> request.putColumnTypes(type.getKey(), String.valueOf(type.getValue())));
    return GrpcCalls.unary(data, DataGrpcClient.Ingest, request.build(), control, workDeadline)
        .map(
            reply -> {
              JsonObject profile = new JsonObject(reply.getProfileJson());
              JsonObject summary =
                  new JsonObject().put("dataset_id", input.getString("dataset_id"));
              for (String key : SUMMARY) {
                summary.put(key, profile.getValue(key));
              }
              return summary;
            });
  }
}
