package io.synthos.ml;

import static io.synthos.ml.GrpcTestKit.await;

import io.synthos.ml.data.DataCalls;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the gRPC tests of the services that read from the data service (validation, collapse) share:
 * a real data service storing under a temporary directory, the service under test reading from it,
 * datasets stored in one call, and calls under a computation's deadline ({@link
 * GrpcTestKit#WORK_DEADLINE}).
 */
@ExtendWith(VertxExtension.class)
public abstract class ReadingServiceTest {

  @TempDir protected Path dataDir;

  /** Calls the services under a computation's deadline. */
  protected GrpcClient grpc;

  /** The port of the service under test, deployed with its defaults. */
  protected int port;

  private final String verticle;
  private DataCalls data;
  private int dataPort;

  /**
   * @param verticle the class name of the service under test
   */
  protected ReadingServiceTest(String verticle) {
    this.verticle = verticle;
  }

  @BeforeEach
  void deployServices(Vertx vertx) throws Exception {
    grpc = GrpcTestKit.workClient(vertx);
    dataPort = await(GrpcTestKit.deployDataService(vertx, dataDir));
    data = new DataCalls(grpc, dataPort);
    port = deploy(vertx, new JsonObject());
  }

  /**
   * Deploys the service under test on {@code vertx} with {@code config} added; answers its port.
   */
  protected int deploy(Vertx vertx, JsonObject config) throws Exception {
    return await(GrpcTestKit.deployReadingService(vertx, verticle, dataPort, config));
  }

  /** Uploads, commits and ingests {@code csv} under a new id; answers the id. */
  protected String stored(String csv) throws Exception {
    String id = UUID.randomUUID().toString();
    await(data.store(id, csv));
    return id;
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
