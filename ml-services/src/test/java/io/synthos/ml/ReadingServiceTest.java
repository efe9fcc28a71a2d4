package io.synthos.ml;

import static io.synthos.ml.GrpcTestKit.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.ServiceMethod;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the gRPC tests of the services that read from the data service (validation, collapse) add to
 * {@link DataServiceTest}: the service under test, reading from that data service, and the scenario
 * of a cancelled call whose worker the next call needs.
 */
public abstract class ReadingServiceTest extends DataServiceTest {

  /** The port of the service under test, deployed with its defaults. */
  protected int port;

  private final String verticle;

  /**
   * @param verticle the class name of the service under test
   */
  protected ReadingServiceTest(String verticle) {
    this.verticle = verticle;
  }

  @BeforeEach
  void deployServiceUnderTest(Vertx vertx) throws Exception {
    port = deploy(vertx, new JsonObject());
  }

  /**
   * Deploys the service under test on {@code vertx} with {@code config} added; answers its port.
   */
  protected int deploy(Vertx vertx, JsonObject config) throws Exception {
    return await(GrpcTestKit.deployReadingService(vertx, verticle, dataPort, config));
  }

  /**
   * Starts {@code cancelled} on an instance of the service with one worker thread, on a Vert.x of
   * its own (worker pools are shared by name within one), cancels it at its first progress event,
   * then makes {@code next} there: it runs only once the cancelled work has stopped and freed the
   * one worker, which would take minutes, past the work deadline, if the cancelled work went on.
   */
  protected <Req, Resp> GrpcTestKit.Streamed<Resp> nextAfterCancel(
      ServiceMethod<Resp, Req> method, Req cancelled, Req next, Predicate<Resp> isProgress)
      throws Exception {
    Vertx own = Vertx.vertx();
    try {
      int single = deploy(own, new JsonObject().put("workerThreads", 1));
      Promise<Void> firstProgress = Promise.promise();
      GrpcTestKit.workClient(own)
          .request(GrpcTestKit.local(single), method)
          .compose(
              call ->
                  call.end(cancelled)
                      .compose(sent -> call.response())
                      .onSuccess(
                          response ->
                              response.handler(
                                  event -> {
                                    if (isProgress.test(event) && firstProgress.tryComplete()) {
                                      call.cancel();
                                    }
                                  })))
          .onFailure(firstProgress::tryFail);
      await(firstProgress.future());
      Future<GrpcTestKit.Streamed<Resp>> answered =
          GrpcTestKit.stream(GrpcTestKit.workClient(own), single, method, next);
      try {
        return await(answered);
      } catch (ExecutionException e) {
        throw new AssertionError("the next call did not run: the cancelled one kept going", e);
      }
    } finally {
      await(own.close());
    }
  }
}
