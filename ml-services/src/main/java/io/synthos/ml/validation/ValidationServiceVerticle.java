package io.synthos.ml.validation;

import io.synthos.ml.common.ColumnMatcher;
import io.synthos.ml.common.DatasetReader;
import io.synthos.ml.common.GrpcServiceVerticle;
import io.synthos.ml.common.RawColumn;
import io.synthos.ml.common.ServiceSettings;
import io.synthos.ml.stats.Progress;
import io.synthos.proto.v1.DescribeRequest;
import io.synthos.proto.v1.ServiceInfo;
import io.synthos.proto.v1.ValidateRequest;
import io.synthos.proto.v1.ValidationEvent;
import io.synthos.proto.v1.ValidationGrpcService;
import io.synthos.proto.v1.ValidationProgress;
import io.synthos.proto.v1.ValidationReport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.Service;
import io.vertx.grpc.server.StatusException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validation service ({@code synthos.v1.Validation}): fidelity, privacy, utility and detection
 * metrics of a synthetic dataset against its real one. It reads the datasets' columns from the data
 * service, computes on its worker pool, and streams progress, then the report.
 *
 * <p>Deployment config: {@code dataService} (host:port, required) and the keys of {@link
 * ServiceSettings}.
 */
public class ValidationServiceVerticle extends GrpcServiceVerticle {

  private static final Logger log = LoggerFactory.getLogger(ValidationServiceVerticle.class);

  private DatasetReader reader;

  public ValidationServiceVerticle() {
    super("validation", ValidateOptions.SECTIONS);
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
    AtomicBoolean cancelled = new AtomicBoolean();
    response.exceptionHandler(failure -> cancelled.set(true));
    StreamedProgress progress =
        new StreamedProgress(vertx.getOrCreateContext(), response, cancelled);
    Future<List<RawColumn>> holdout =
        options.holdout() == null
            ? Future.succeededFuture(null)
            : reader.read(options.holdout(), "holdout");
    Future.all(
            reader.read(options.reference(), "reference"),
            reader.read(options.synthetic(), "synthetic"),
            holdout)
        .compose(
            datasets ->
                workers()
                    .executeBlocking(
                        () ->
                            ValidationReportBuilder.build(
                                ColumnMatcher.match(
                                    datasets.resultAt(0),
                                    datasets.resultAt(1),
                                    datasets.resultAt(2)),
                                options,
                                options.threads(threads()),
                                progress),
                        false))
        .onSuccess(report -> response.end(reportEvent(report)))
        .onFailure(failure -> response.fail(status(failure, request)));
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

  /**
   * Progress from the worker thread to the client, written on the verticle's event loop and only
   * when a section starts or moves by a percent: the computation never waits for the network.
   */
  private static final class StreamedProgress implements Progress {

    private final Context context;
    private final GrpcServerResponse<?, ValidationEvent> response;
    private final AtomicBoolean cancelled;
    private String section = "";
    private double reported = -1;

    StreamedProgress(
        Context context, GrpcServerResponse<?, ValidationEvent> response, AtomicBoolean cancelled) {
      this.context = context;
      this.response = response;
      this.cancelled = cancelled;
    }

    @Override
    public void report(String current, double fraction) {
      if (current.equals(section) && fraction - reported < 0.01 && fraction < 1) {
        return;
      }
      section = current;
      reported = fraction;
      ValidationEvent event =
          ValidationEvent.newBuilder()
              .setProgress(
                  ValidationProgress.newBuilder().setSection(current).setFraction(fraction))
              .build();
      context.runOnContext(
          v -> {
            if (cancelled.get() || response.writeQueueFull()) {
              return;
            }
            try {
              response.write(event);
            } catch (IllegalStateException reset) {
              // The client cancelled before its reset reached the exception handler.
              cancelled.set(true);
            }
          });
    }

    @Override
    public boolean cancelled() {
      return cancelled.get();
    }
  }
}
