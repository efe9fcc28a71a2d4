package io.synthos.ml.validation;

import io.synthos.ml.common.DatasetReader;
import io.synthos.ml.common.GrpcServiceVerticle;
import io.synthos.ml.common.RawColumn;
import io.synthos.ml.common.ReportSections;
import io.synthos.ml.common.ServiceSettings;
import io.synthos.ml.common.StreamedProgress;
import io.synthos.ml.stats.Progress;
import io.synthos.proto.v1.DescribeRequest;
import io.synthos.proto.v1.ServiceInfo;
import io.synthos.proto.v1.ValidateRequest;
import io.synthos.proto.v1.ValidationEvent;
import io.synthos.proto.v1.ValidationGrpcService;
import io.synthos.proto.v1.ValidationProgress;
import io.synthos.proto.v1.ValidationReport;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.Service;
import io.vertx.grpc.server.StatusException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validation service ({@code synthos.v1.Validation}): the quality of a synthetic dataset, and
 * its fidelity, privacy, utility and detection metrics against its real one when the call names
 * one. It reads the datasets' columns from the data service, computes on its worker pool, and
 * streams progress, then the report.
 *
 * <p>Deployment config: {@code dataService} (host:port, required), {@code dataServiceDeadlineMs}
 * (see {@link DatasetReader}) and the keys of {@link ServiceSettings}.
 */
public class ValidationServiceVerticle extends GrpcServiceVerticle {

  private static final Logger log = LoggerFactory.getLogger(ValidationServiceVerticle.class);

  private DatasetReader reader;

  public ValidationServiceVerticle() {
    super("validation", ValidateOptions.SECTIONS.stream().map(ReportSections::key).toList());
  }

  @Override
  protected Service createService() {
    reader = DatasetReader.fromConfig(vertx, config());
    return new ValidationGrpcService() {
      @Override
      public Future<ServiceInfo> describe(DescribeRequest request) {
        return Future.succeededFuture(serviceInfo());
      }

      @Override
      protected void validate(ValidateRequest request, WriteStream<ValidationEvent> response) {
        // The generated default drops failures of the returned stream: drive the response here.
        run(request, (GrpcServerResponse<?, ValidationEvent>) response);
      }
    };
  }

  @Override
  public Future<?> stop() {
    return super.stop()
        .eventually(() -> reader == null ? Future.succeededFuture() : reader.close());
  }

  private void run(ValidateRequest request, GrpcServerResponse<?, ValidationEvent> response) {
    ValidateOptions options;
    try {
      options = ValidateOptions.from(request);
    } catch (IllegalArgumentException e) {
      response.fail(new StatusException(GrpcStatus.INVALID_ARGUMENT, e.getMessage()));
      return;
    }
    StreamedProgress<ValidationEvent> progress =
        new StreamedProgress<>(
            vertx.getOrCreateContext(), response, ValidationServiceVerticle::progressEvent);
    Future.all(
            readIfNamed(options.reference(), "reference"),
            reader.read(options.synthetic(), "synthetic"),
            readIfNamed(options.holdout(), "holdout"))
        .compose(
            datasets ->
                workers()
                    .executeBlocking(
                        () ->
                            ValidationReportBuilder.build(
                                datasets.resultAt(0),
                                datasets.resultAt(1),
                                datasets.resultAt(2),
                                options,
                                options.threads(threads()),
                                progress),
                        false))
        .onSuccess(report -> response.end(reportEvent(report)))
        .onFailure(failure -> response.fail(status(failure, request)));
  }

  /** The dataset's columns, or null when the call named none. */
  private Future<List<RawColumn>> readIfNamed(String datasetId, String role) {
    return datasetId == null ? Future.succeededFuture(null) : reader.read(datasetId, role);
  }

  /** Threads any computation may use: the service's pool, at most the machine's cores. */
  private int threads() {
    return Math.max(1, Math.min(workerThreads(), Runtime.getRuntime().availableProcessors()));
  }

  private static ValidationEvent reportEvent(JsonObject report) {
    return ValidationEvent.newBuilder()
        .setReport(ValidationReport.newBuilder().setReportJson(report.encode()))
        .build();
  }

  /** The gRPC status a failure ends the call with; what is not the caller's doing is logged. */
  private static StatusException status(Throwable failure, ValidateRequest request) {
    if (failure instanceof StatusException status) {
      return status;
    }
    if (failure instanceof IllegalArgumentException) {
      return new StatusException(GrpcStatus.INVALID_ARGUMENT, failure.getMessage());
    }
    if (failure instanceof Progress.Cancelled) {
      return new StatusException(GrpcStatus.CANCELLED, "the validation was cancelled");
    }
    log.error("validation of {} failed", request.getSynthetic().getDatasetId(), failure);
    return new StatusException(
        GrpcStatus.INTERNAL, "the validation failed; the service logged why");
  }

  private static ValidationEvent progressEvent(String section, double fraction) {
    return ValidationEvent.newBuilder()
        .setProgress(ValidationProgress.newBuilder().setSection(section).setFraction(fraction))
        .build();
  }
}
