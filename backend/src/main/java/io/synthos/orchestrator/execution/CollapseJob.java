package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.MlServiceClient;
import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.proto.v1.CollapseGrpcClient;
import io.synthos.proto.v1.CollapseRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code collapse.analyse}: the collapse service analyses the generations, oldest first, then the
 * dataset validated as the newest, against the reference. It runs when asked for by name, or by
 * default when earlier generations are given; otherwise the stage records why it was skipped.
 */
final class CollapseJob implements JobExecutor {

  private final MlServiceClient collapse;
  private final Duration workDeadline;

  CollapseJob(MlServiceClient collapse, Duration workDeadline) {
    this.collapse = collapse;
    this.workDeadline = workDeadline;
  }

  @Override
  public Future<JsonObject> execute(ClaimedJob job, JobControl control) {
    JsonObject input = job.payload();
    if (!ReportAssembly.collapseAsked(input)) {
      return Future.succeededFuture(new JsonObject().put("skipped", "collapse was not asked for"));
    }
    String reference = input.getString("reference_dataset_id");
    if (reference == null) {
      return Future.succeededFuture(
          new JsonObject().put("skipped", "collapse needs a reference dataset"));
    }
    CollapseRequest.Builder request =
        CollapseRequest.newBuilder()
            .setJobId(job.id().toString())
            .setReference(DatasetRefs.of(reference));
    generations(input).forEach(generation -> request.addGenerations(DatasetRefs.of(generation)));
    request.setOptionsJson(input.getJsonObject("options", new JsonObject()).encode());
    return GrpcCalls.lastOfStream(
            collapse,
            CollapseGrpcClient.Analyse,
            request.build(),
            control,
            workDeadline,
            event -> {
              if (event.hasProgress()) {
                control.progress(event.getProgress().getStep(), event.getProgress().getFraction());
              }
            })
        .compose(
            last ->
                last.hasReport()
                    ? Future.succeededFuture(new JsonObject(last.getReport().getReportJson()))
                    : Future.failedFuture(
                        JobFailure.permanent("the collapse service ended without a report")));
  }

  /** The earlier generations as given, then the validated dataset unless it already ends them. */
  private static List<String> generations(JsonObject input) {
    List<String> generations = new ArrayList<>();
    input.getJsonArray("generations", new JsonArray()).forEach(g -> generations.add((String) g));
    String newest = input.getString("dataset_id");
    if (newest != null
        && (generations.isEmpty() || !generations.get(generations.size() - 1).equals(newest))) {
      generations.add(newest);
    }
    return generations;
  }
}
