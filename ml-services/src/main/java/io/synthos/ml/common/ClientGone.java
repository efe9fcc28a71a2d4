package io.synthos.ml.common;

import io.vertx.core.Handler;
import io.vertx.grpc.common.GrpcErrorException;
import io.vertx.grpc.common.impl.GrpcWriteStreamBase;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How an ML service hears that the client of a call went away. Vert.x gRPC 5.0 reports a client's
 * reset (it cancelled, or its deadline passed) only to the stream's error handler, never to the
 * response's exception handler: work that listens there alone runs on for a caller that is gone,
 * holding its worker, until it happens to write again (Vert.x gRPC 5.1 passes resets to the
 * exception handler as well).
 */
public final class ClientGone {

  private ClientGone() {}

  /**
   * Runs {@code gone} once when the client of the call {@code response} answers resets it or its
   * connection fails.
   */
  public static void onGone(GrpcServerResponse<?, ?> response, Handler<Throwable> gone) {
    AtomicBoolean told = new AtomicBoolean();
    Handler<Throwable> once =
        failure -> {
          if (told.compareAndSet(false, true)) {
            gone.handle(failure);
          }
        };
    response.exceptionHandler(once);
    // GrpcServerResponse does not expose the error handler in 5.0; its one implementation does.
    if (response instanceof GrpcWriteStreamBase<?, ?> stream) {
      stream.errorHandler(error -> once.handle(new GrpcErrorException(error, error.status)));
    }
  }
}
