package io.synthos.ml.common;

import static io.synthos.ml.GrpcTestKit.await;

import io.synthos.ml.GrpcTestKit;
import io.synthos.proto.v1.CollapseEvent;
import io.synthos.proto.v1.CollapseGrpcClient;
import io.synthos.proto.v1.CollapseGrpcService;
import io.synthos.proto.v1.CollapseProgress;
import io.synthos.proto.v1.CollapseRequest;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A computation hears that its client went away even while it has nothing to write: Vert.x gRPC 5.0
 * tells a client's reset only to the stream's error handler, and the services listened on the
 * response's exception handler alone.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A client gone")
class ClientGoneTest {

  @Test
  @DisplayName("stops the computation of a client that cancelled, without writing to it again")
  void computationHearsTheCancel(Vertx vertx) throws Exception {
    Promise<StreamedProgress<CollapseEvent>> computing = Promise.promise();
    GrpcServer server =
        GrpcServer.server(vertx)
            .callHandler(
                CollapseGrpcService.Analyse,
                request ->
                    request.handler(
                        message -> {
                          StreamedProgress<CollapseEvent> progress =
                              new StreamedProgress<>(
                                  vertx.getOrCreateContext(),
                                  request.response(),
                                  ClientGoneTest::step);
                          // The first event sends the headers; none follows, as in a long step.
                          progress.report("started", 0);
                          computing.complete(progress);
                        }));
    HttpServer http = await(vertx.createHttpServer().requestHandler(server).listen(0, "127.0.0.1"));
    GrpcClientRequest<CollapseRequest, CollapseEvent> call =
        await(
            GrpcClient.client(vertx)
                .request(GrpcTestKit.local(http.actualPort()), CollapseGrpcClient.Analyse));
    call.end(CollapseRequest.getDefaultInstance());
    await(call.response());
    StreamedProgress<CollapseEvent> progress = await(computing.future());

    call.cancel();

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(progress::cancelled);
  }

  private static CollapseEvent step(String step, double fraction) {
    return CollapseEvent.newBuilder()
        .setProgress(CollapseProgress.newBuilder().setStep(step).setFraction(fraction))
        .build();
  }
}
