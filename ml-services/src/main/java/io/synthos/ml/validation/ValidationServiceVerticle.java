package io.synthos.ml.validation;

import io.synthos.ml.common.GrpcServiceVerticle;
import io.synthos.ml.common.ServiceSettings;
import io.synthos.proto.v1.DescribeRequest;
import io.synthos.proto.v1.ServiceInfo;
import io.synthos.proto.v1.ValidateRequest;
import io.synthos.proto.v1.ValidationGrpcService;
import io.synthos.proto.v1.ValidationReport;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.Service;
import io.vertx.grpc.server.StatusException;
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

      @Override
      public Future<ValidationReport> validate(ValidateRequest request) {
        // Said plainly, so a pipeline that reaches this stage fails with the reason, not a crash.
        return Future.failedFuture(
            new StatusException(
                GrpcStatus.UNIMPLEMENTED, "the validation metrics are not computed yet"));
      }
    };
  }
}
