package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.MlServiceClient;
import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.JobType;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.synthos.platform.ReportSections;
import io.synthos.proto.v1.CollapseGrpcClient;
import io.synthos.proto.v1.CollapseRequest;
import io.synthos.proto.v1.DataGrpcClient;
import io.synthos.proto.v1.DatasetRef;
import io.synthos.proto.v1.IngestRequest;
import io.synthos.proto.v1.ValidateRequest;
import io.synthos.proto.v1.ValidationGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every job type and what runs it. The ML stages call their service with dataset references, never
 * the data; the report joins the stage results; {@code noop} does nothing, for checking the queue
 * (for {@code hold_ms} if its payload asks, so that it takes a slot for a while).
 */
public final class Executors {

  /** The report sections the validation service computes (collapse is the collapse service's). */
  private static final Set<String> VALIDATION_SECTIONS =
      Set.copyOf(ReportSections.keys(ReportSections.COMPARISONS));

  private final Map<String, JobExecutor> byType = new TreeMap<>();
  private final Duration workDeadline;

  /** {@code workDeadline} bounds each computation (ingest, validate, analyse) on a service. */
  public Executors(
      Vertx vertx,
      MlServiceClient data,
      MlServiceClient validation,
      MlServiceClient collapse,
      PipelineStore pipelines,
      Duration workDeadline) {
    this.workDeadline = workDeadline;
    byType.put(JobType.NOOP.id(), (job, control) -> noop(vertx, job, control));
    byType.put(JobType.DATA_CHECK.id(), (job, control) -> checkDatasets(data, job, control));
    byType.put(JobType.DATA_INGEST.id(), (job, control) -> ingest(data, job, control));
    byType.put(JobType.VALIDATE.id(), (job, control) -> validate(validation, job, control));
    byType.put(JobType.COLLAPSE.id(), (job, control) -> analyse(collapse, job, control));
    byType.put(JobType.REPORT.id(), (job, control) -> report(pipelines, job));
    byType.put(
        JobType.WARRANTY.id(),
        (job, control) ->
            Future.failedFuture(JobFailure.permanent("warranty issuance is not available yet")));
  }

  /** The longest a no-op job may hold its slot. */
  static final long MAX_HOLD_MS = 60_000;

  /** Nothing, at once or after {@code hold_ms}; a stop request ends the hold early. */
  private static Future<JsonObject> noop(Vertx vertx, ClaimedJob job, JobControl control) {
    long hold = Math.min(Math.max(job.payload().getLong("hold_ms", 0L), 0), MAX_HOLD_MS);
    if (hold == 0) {
      return Future.succeededFuture(new JsonObject());
    }
    Promise<JsonObject> done = Promise.promise();
    long timer = vertx.setTimer(hold, fired -> done.tryComplete(new JsonObject()));
    control
        .stopRequested()
        .onSuccess(
            reason -> {
              vertx.cancelTimer(timer);
              done.tryFail(new JobFailure(JobFailure.Kind.CANCELLED, "stopped: " + reason));
            });
    return done.future();
  }

  /** Replaces or adds an executor; tests use it to put fakes at the boundary. */
  public Executors with(String type, JobExecutor executor) {
    byType.put(type, executor);
    return this;
  }

  public Future<JsonObject> execute(ClaimedJob job, JobControl control) {
    JobExecutor executor = byType.get(job.type());
    if (executor == null) {
      return Future.failedFuture(JobFailure.permanent("no executor for job type " + job.type()));
    }
    try {
      return executor.execute(job, control);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Every dataset the job names must have its bytes stored; a missing one fails the job. */
  private static Future<JsonObject> checkDatasets(
      MlServiceClient data, ClaimedJob job, JobControl control) {
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
                  done ->
                      GrpcCalls.unary(
                          data,
                          DataGrpcClient.Stat,
                          DatasetRef.newBuilder().setDatasetId(id).build(),
                          control))
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

  /**
   * Parses, types and profiles a dataset's stored bytes. The result is the profile's summary; the
   * profile itself stays with the data service, which the datasets resource asks for it.
   */
  private Future<JsonObject> ingest(MlServiceClient data, ClaimedJob job, JobControl control) {
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
              for (String key : List.of("format", "rows", "columns", "bytes", "sha256")) {
                summary.put(key, profile.getValue(key));
              }
              return summary;
            });
  }

  private Future<JsonObject> validate(
      MlServiceClient validation, ClaimedJob job, JobControl control) {
    JsonObject input = job.payload();
    ValidateRequest.Builder request =
        ValidateRequest.newBuilder()
            .setJobId(job.id().toString())
            .setSynthetic(ref(input.getString("dataset_id")))
            // The service computes within what admission granted this job.
            .setCpuMillis(job.request().cpuMillis());
    if (input.getString("reference_dataset_id") != null) {
      request.setReference(ref(input.getString("reference_dataset_id")));
    }
    if (input.getString("holdout_dataset_id") != null) {
      request.setHoldout(ref(input.getString("holdout_dataset_id")));
    }
    if (input.getString("target_column") != null) {
      request.setTargetColumn(input.getString("target_column"));
    }
    JsonArray asked = input.getJsonArray("sections", new JsonArray());
    asked.stream()
        .map(String::valueOf)
        .filter(VALIDATION_SECTIONS::contains)
        .forEach(request::addSections);
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

  /**
   * Collapse analysis of the generations, oldest first, then the dataset validated as the newest;
   * it runs when asked for by name, or by default when earlier generations are given.
   */
  private Future<JsonObject> analyse(MlServiceClient collapse, ClaimedJob job, JobControl control) {
    JsonObject input = job.payload();
    if (!ReportAssembly.collapseAsked(input)) {
      return Future.succeededFuture(new JsonObject().put("skipped", "collapse was not asked for"));
    }
    String reference = input.getString("reference_dataset_id");
    if (reference == null) {
      return Future.succeededFuture(
          new JsonObject().put("skipped", "collapse needs a reference dataset"));
    }
    List<String> generations = new ArrayList<>();
    input.getJsonArray("generations", new JsonArray()).forEach(g -> generations.add((String) g));
    String newest = input.getString("dataset_id");
    if (newest != null
        && (generations.isEmpty() || !generations.get(generations.size() - 1).equals(newest))) {
      generations.add(newest);
    }
    CollapseRequest.Builder request =
        CollapseRequest.newBuilder().setJobId(job.id().toString()).setReference(ref(reference));
    generations.forEach(generation -> request.addGenerations(ref(generation)));
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

  /** Joins the results of the stages before it into one report. */
  private static Future<JsonObject> report(PipelineStore pipelines, ClaimedJob job) {
    return pipelines
        .results(job.pipelineId())
        .map(results -> ReportAssembly.assemble(job.payload(), results));
  }

  private static DatasetRef ref(String id) {
    return DatasetRef.newBuilder().setDatasetId(id == null ? "" : id).build();
  }
}
