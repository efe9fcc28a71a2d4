package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.MlServiceClient;
import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.platform.ReportSections;
import io.synthos.proto.v1.ValidateRequest;
import io.synthos.proto.v1.ValidationGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * {@code validation.validate}: the validation service computes the sections asked for (all of them
 * when none is named) over dataset references, reporting progress per section; its report is the
 * result.
 */
final class ValidateJob implements JobExecutor {

  /** The report sections the validation service computes (collapse is the collapse service's). */
  private static final Set<String> SECTIONS =
      Set.copyOf(ReportSections.keys(ReportSections.COMPARISONS));

  private final MlServiceClient validation;
  private final Duration workDeadline;

  ValidateJob(MlServiceClient validation, Duration workDeadline) {
    this.validation = validation;
    this.workDeadline = workDeadline;
  }

  @Override
  public Future<JsonObject> execute(ClaimedJob job, JobControl control) {
    JsonObject input = job.payload();
    ValidateRequest.Builder request =
        ValidateRequest.newBuilder()
            .setJobId(job.id().toString())
            .setSynthetic(DatasetRefs.of(input.getString("dataset_id")))
            // The service computes within what admission granted this job.
            .setCpuMillis(job.request().cpuMillis());
    if (input.getString("reference_dataset_id") != null) {
      request.setReference(DatasetRefs.of(input.getString("reference_dataset_id")));
    }
    if (input.getString("holdout_dataset_id") != null) {
      request.setHoldout(DatasetRefs.of(input.getString("holdout_dataset_id")));
    }
    if (input.getString("target_column") != null) {
      request.setTargetColumn(input.getString("target_column"));
    }
    JsonArray asked = input.getJsonArray("sections", new JsonArray());
    asked.stream().map(String::valueOf).filter(SECTIONS::contains).forEach(request::addSections);
    if (!asked.isEmpty() && request.getSectionsCount() == 0) {
      // Only collapse was asked for: that is the collapse stage's work.
      return Future.succeededFuture(
          new JsonObject().put("skipped", "no validation section was asked for"));
    }
    request.setOptionsJson(input.getJsonObject("options", new JsonObject()).encode());
    return GrpcCalls.lastOfStream(
            validation,
            ValidationGrpcClient.Validate,
            request.build(),
            control,
            workDeadline,
            event -> {
              if (event.hasProgress()) {
                control.progress(
                    event.getProgress().getSection(), event.getProgress().getFraction());
              }
            })
        .compose(
            last ->
                last.hasReport()
                    ? Future.succeededFuture(new JsonObject(last.getReport().getReportJson()))
                    : Future.failedFuture(
                        JobFailure.permanent("the validation service ended without a report")));
  }
}
