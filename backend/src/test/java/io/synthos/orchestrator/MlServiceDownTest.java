package io.synthos.orchestrator;

import static io.synthos.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.orchestrator.execution.JobExecutors;
import io.synthos.orchestrator.jobs.JobSpec;
import io.synthos.orchestrator.jobs.MlPool;
import io.synthos.orchestrator.jobs.Priority;
import io.synthos.orchestrator.jobs.Resources;
import io.synthos.platform.FreePort;
import io.synthos.platform.config.HostPort;
import io.synthos.platform.grpc.GrpcClients;
import io.synthos.platform.grpc.ServiceClient;
import io.synthos.proto.v1.DataGrpcService;
import io.synthos.proto.v1.DatasetRef;
import io.synthos.proto.v1.DatasetStat;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.StatusException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The data service is a tiny fake gRPC server here: the boundary this test is about. */
@Tag("integration")
@DisplayName("A job whose ML service is down")
@Tag("slow")
class MlServiceDownTest {

  private final Harness harness = new Harness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  @DisplayName(
      "waits, saying why, without using its attempts, and completes once the service is back")
  void waitsThenCompletes() {
    int port = FreePort.find();
    MlServiceClient data = dataService(port);
    Harness.Node node = nodeUsing(data);
    String id = enqueueCheck();

    for (int round = 0; round < 3; round++) {
      node.wake();
      int expected = round;
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  harness.events.stream()
                          .filter(
                              e ->
                                  id.equals(e.getString("job_id"))
                                      && "queued".equals(e.getString("state"))
                                      && e.getString("reason") != null)
                          .count()
                      > expected);
      harness.clock.advance(Duration.ofMinutes(10));
    }
    JsonObject waiting = harness.job(id);
    assertThat(waiting.getString("state")).isEqualTo("queued");
    assertThat(waiting.getString("waiting_reason"))
        .startsWith("service-unavailable: data service unreachable");
    assertThat(waiting.getInteger("attempts")).as("waiting used no attempt").isZero();

    HttpServer server =
        serve(
            port,
            new DataGrpcService() {
              @Override
              public Future<DatasetStat> stat(DatasetRef request) {
                return Future.succeededFuture(
                    DatasetStat.newBuilder()
                        .setDatasetId(request.getDatasetId())
                        .setStored(true)
                        .setSizeBytes(42)
                        .build());
              }
            });
    harness.clock.advance(Duration.ofMinutes(10));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              // Real time passes for the circuit breaker to try again; the clock skips each
              // backoff.
              harness.clock.advance(Duration.ofMinutes(1));
              node.wake();
              return "succeeded".equals(harness.job(id).getString("state"));
            });

    assertThat(
            harness
                .job(id)
                .getJsonObject("result")
                .getJsonArray("datasets")
                .getJsonObject(0)
                .getLong("size_bytes"))
        .isEqualTo(42);
    await(server.close());
  }

  @Test
  @DisplayName("keeps its breaker closed while the service answers that the input is bad")
  void badInputIsNotAnOutage() {
    int port = FreePort.find();
    HttpServer server = serveStatFailing(port, GrpcStatus.INVALID_ARGUMENT, "not a CSV file");
    MlServiceClient data = dataService(port);
    Harness.Node node = nodeUsing(data);
    List<String> jobs = List.of(enqueueCheck(), enqueueCheck(), enqueueCheck(), enqueueCheck());

    awaitFailed(node, jobs);

    assertThat(harness.job(jobs.get(3)).getString("error")).contains("not a CSV file");
    assertThat(data.breaker().state()).isEqualTo(CircuitBreakerState.CLOSED);
    await(server.close());
  }

  @Test
  @DisplayName("fails at once, saying why, when the service refuses the nodes' credential")
  void refusedCredentialIsNotRetried() {
    int port = FreePort.find();
    String refusal =
        "the data service answers only Synthos's own processes; this call carries a wrong service"
            + " credential";
    HttpServer server = serveStatFailing(port, GrpcStatus.UNAUTHENTICATED, refusal);
    MlServiceClient data = dataService(port);
    Harness.Node node = nodeUsing(data);
    String id = enqueueCheck();

    awaitFailed(node, List.of(id));

    JsonObject failed = harness.job(id);
    assertThat(failed.getInteger("attempts")).as("no second attempt").isEqualTo(1);
    assertThat(failed.getString("error")).startsWith("data service answered").endsWith(refusal);
    assertThat(data.breaker().state()).isEqualTo(CircuitBreakerState.CLOSED);
    await(server.close());
  }

  /** A fake data service whose every Stat ends with {@code status} and {@code message}. */
  private HttpServer serveStatFailing(int port, GrpcStatus status, String message) {
    return serve(
        port,
        new DataGrpcService() {
          @Override
          public Future<DatasetStat> stat(DatasetRef request) {
            return Future.failedFuture(new StatusException(status, message));
          }
        });
  }

  /** Wakes the node until every one of {@code jobs} has failed. */
  private void awaitFailed(Harness.Node node, List<String> jobs) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              node.wake();
              return jobs.stream()
                  .allMatch(id -> "failed".equals(harness.job(id).getString("state")));
            });
  }

  /** The fake data service at the boundary this test is about. */
  private HttpServer serve(int port, DataGrpcService service) {
    return await(
        harness
            .vertx
            .createHttpServer()
            .requestHandler(GrpcServer.server(harness.vertx).addService(service))
            .listen(port, "127.0.0.1"));
  }

  /**
   * The data service's client as the orchestrator makes it, without the credential no fake checks.
   */
  private MlServiceClient dataService(int port) {
    ServiceClient client =
        GrpcClients.over(harness.vertx, GrpcClient.client(harness.vertx))
            .service("data", new HostPort("127.0.0.1", port), Duration.ofSeconds(2));
    return new MlServiceClient(harness.vertx, client, DataGrpcService.SERVICE_NAME);
  }

  private Harness.Node nodeUsing(MlServiceClient data) {
    harness.setCapacity(MlPool.DATA, new Resources(8_000, 8_000, 0));
    return harness.node(
        "node",
        executors ->
            new JobExecutors(
                harness.vertx, data, null, null, harness.pipelines, Duration.ofMinutes(30)),
        s -> s);
  }

  /** A data.check job for a dataset of its own, with two attempts. */
  private String enqueueCheck() {
    JobSpec spec =
        JobSpec.of(
            "data.check",
            MlPool.DATA,
            Harness.OWNER,
            Priority.STANDARD,
            new Resources(250, 256, 0),
            new JsonObject().put("dataset_id", UUID.randomUUID().toString()),
            2,
            harness.clock.instant());
    return await(harness.store.enqueue(spec, harness.clock.instant())).getString("id");
  }
}
