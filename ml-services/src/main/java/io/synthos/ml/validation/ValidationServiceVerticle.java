package io.synthos.ml.validation;

import io.synthos.ml.common.GrpcServiceVerticle;
import io.synthos.ml.common.ServiceSettings;
import io.synthos.proto.v1.DescribeRequest;
import io.synthos.proto.v1.ServiceInfo;
import io.synthos.proto.v1.ValidationGrpcService;
import io.vertx.core.Future;
import io.vertx.grpc.server.Service;
import java.util.List;

/**
 * The validation service ({@code synthos.v1.Validation}): fidelity, privacy, utility and detection
 * metrics of a synthetic dataset against its real one.
 *
 * <p>Deployment config: the keys of {@link ServiceSettings}.
 */
public class ValidationServiceVerticle extends GrpcServiceVerticle {

  public ValidationServiceVerticle() {
    super("validation", List.of("fidelity", "privacy", "utility", "detection"));
  }

  @Override
  protected Service createService() {
    return new ValidationGrpcService() {
      @Override
      public Future<ServiceInfo> describe(DescribeRequest request) {
        return Future.succeededFuture(serviceInfo());
      }
    };
  }
}
