package io.synthos.ml.collapse;

import io.synthos.ml.common.GrpcServiceVerticle;
import io.synthos.ml.common.ServiceSettings;
import io.synthos.proto.v1.CollapseGrpcService;
import io.synthos.proto.v1.CollapseReport;
import io.synthos.proto.v1.CollapseRequest;
import io.synthos.proto.v1.DescribeRequest;
import io.synthos.proto.v1.ServiceInfo;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.Service;
import io.vertx.grpc.server.StatusException;
import java.util.List;

/**
 * The collapse service ({@code synthos.v1.Collapse}): diversity and model-collapse trends across
 * generations of synthetic data.
 *
 * <p>Deployment config: the keys of {@link ServiceSettings}.
 */
public class CollapseServiceVerticle extends GrpcServiceVerticle {

  public CollapseServiceVerticle() {
    super("collapse", List.of("diversity", "collapse-trend"));
  }

  @Override
  protected Service createService() {
    return new CollapseGrpcService() {
      @Override
      public Future<ServiceInfo> describe(DescribeRequest request) {
        return Future.succeededFuture(serviceInfo());
      }

      @Override
      public Future<CollapseReport> analyse(CollapseRequest request) {
        // Said plainly, so a pipeline that reaches this stage fails with the reason, not a crash.
        return Future.failedFuture(
            new StatusException(
                GrpcStatus.UNIMPLEMENTED, "the collapse signals are not computed yet"));
      }
    };
  }
}
