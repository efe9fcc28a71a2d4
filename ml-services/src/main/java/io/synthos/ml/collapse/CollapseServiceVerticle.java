package io.synthos.ml.collapse;

import io.synthos.ml.common.DatasetReader;
import io.synthos.ml.common.GrpcServiceVerticle;
import io.synthos.ml.common.RawColumn;
import io.synthos.ml.common.ServiceSettings;
import io.synthos.ml.common.StreamedProgress;
import io.synthos.ml.stats.Progress;
import io.synthos.proto.v1.CollapseEvent;
import io.synthos.proto.v1.CollapseGrpcService;
import io.synthos.proto.v1.CollapseProgress;
import io.synthos.proto.v1.CollapseReport;
import io.synthos.proto.v1.CollapseRequest;
import io.synthos.proto.v1.DescribeRequest;
import io.synthos.proto.v1.ServiceInfo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.Service;
import io.vertx.grpc.server.StatusException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collapse service ({@code synthos.v1.Collapse}): diversity and model-collapse trends across
 * generations of synthetic data. It reads the datasets' columns from the data service, computes on
 * its worker pool, and streams progress, then the report.
 *
 * <p>Deployment config: {@code dataService} (host:port, required), {@code dataServiceDeadlineMs}
 * (see {@link DatasetReader}) and the keys of {@link ServiceSettings}.
 */
public class CollapseServiceVerticle extends GrpcServiceVerticle {

  private static final Logger log = LoggerFactory.getLogger(CollapseServiceVerticle.class);

  private DatasetReader reader;

  public CollapseServiceVerticle() {
    super("collapse", List.of("diversity", "collapse-trend"));
  }

  @Override
  protected Service createService() {
    reader = DatasetReader.fromConfig(vertx, config());
    return new CollapseGrpcService() {
      @Override
      public Future<ServiceInfo> describe(DescribeRequest request) {
        return Future.succeededFuture(serviceInfo());
      }

      @Override
      protected void analyse(CollapseRequest request, WriteStream<CollapseEvent> response) {
        // The generated default drops failures of the returned stream: drive the response here.
        run(request, (GrpcServerResponse<?, CollapseEvent>) response);
      }
    };
  }

  @Override
  public Future<?> stop() {
    return super.stop()
        .eventually(() -> reader == null ? Future.succeededFuture() : reader.close());
  }

  private void run(CollapseRequest request, GrpcServerResponse<?, CollapseEvent> response) {
    CollapseOptions options;
    try {
      options = CollapseOptions.from(request);
    } catch (IllegalArgumentException e) {
      response.fail(new StatusException(GrpcStatus.INVALID_ARGUMENT, e.getMessage()));
      return;
    }
    StreamedProgress<CollapseEvent> progress =
        new StreamedProgress<>(vertx.getOrCreateContext(), response, CollapseServiceVerticle::step);
    List<Future<List<RawColumn>>> reads = new ArrayList<>();
    reads.add(reader.read(options.reference(), "reference"));
    for (int g = 0; g < options.generations().size(); g++) {
      reads.add(reader.read(options.generations().get(g), "generation " + (g + 1)));
    }
    int threads =
        Math.max(1, Math.min(workerThreads(), Runtime.getRuntime().availableProcessors()));
    Future.all(reads)
        .compose(
            datasets ->
                workers()
                    .executeBlocking(
                        () -> {
                          List<List<RawColumn>> generations = new ArrayList<>();
                          for (int i = 1; i < datasets.size(); i++) {
                            generations.add(datasets.resultAt(i));
                          }
                          return CollapseReportBuilder.build(
                              datasets.resultAt(0), generations, options, threads, progress);
                        },
                        false))
        .onSuccess(report -> response.end(reportEvent(report)))
        .onFailure(failure -> response.fail(status(failure, request)));
  }

  private static CollapseEvent step(String step, double fraction) {
    return CollapseEvent.newBuilder()
        .setProgress(CollapseProgress.newBuilder().setStep(step).setFraction(fraction))
        .build();
  }

  private static CollapseEvent reportEvent(JsonObject report) {
    return CollapseEvent.newBuilder()
        .setReport(CollapseReport.newBuilder().setReportJson(report.encode()))
        .build();
  }

  private static StatusException status(Throwable failure, CollapseRequest request) {
    if (failure instanceof StatusException status) {
      return status;
    }
    if (failure instanceof IllegalArgumentException) {
      return new StatusException(GrpcStatus.INVALID_ARGUMENT, failure.getMessage());
    }
    if (failure instanceof Progress.Cancelled) {
      return new StatusException(GrpcStatus.CANCELLED, "the analysis was cancelled");
    }
    log.error("collapse analysis of {} failed", request.getReference().getDatasetId(), failure);
    return new StatusException(GrpcStatus.INTERNAL, "the analysis failed; the service logged why");
  }
}
