package io.synthos.api.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.platform.config.HostPort;
import io.synthos.platform.grpc.GrpcClients;
import io.synthos.platform.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The API's client of the data service, against a fake one that never answers or refuses all. */
@DisplayName("The API's data-service client")
class DataServiceClientTest {

  /** Long enough for a first call on a busy machine, short enough to wait for in a test. */
  private static final Duration DEADLINE = Duration.ofSeconds(1);

  private final Vertx vertx = Vertx.vertx();
  private final GrpcClients clients = GrpcClients.over(vertx, GrpcClient.client(vertx));
  private final AtomicInteger calls = new AtomicInteger();

  @AfterEach
  void close() throws Exception {
    result(clients.close());
    result(vertx.close());
  }

  @Test
  @DisplayName(
      "answers 503 when the service is silent past the deadline, and at once once its breaker opens")
  void silentService() throws Exception {
    DataServiceClient data = client(serve(false), DEADLINE);

    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      ProblemException problem = problemOf(data.stat(UUID.randomUUID()));
      assertThat(problem.problem().status()).isEqualTo(503);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isBetween(DEADLINE, DEADLINE.plusSeconds(5));
    }
    long start = System.nanoTime();
    ProblemException fast = problemOf(data.info(UUID.randomUUID()));

    assertThat(fast.problem().status()).isEqualTo(503);
    assertThat(fast.problem().type()).endsWith("data-service-unavailable");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE);
    assertThat(calls).as("the call after the breaker opened never reached the service").hasValue(3);
  }

  @Test
  @DisplayName("passes a refusal on in the service's words, its breaker staying closed")
  void refusingService() throws Exception {
    DataServiceClient data = client(serve(true), Duration.ofSeconds(30));

    for (int i = 0; i < 5; i++) {
      Throwable failure = failureOf(data.delete(UUID.randomUUID()));
      assertThat(failure).isInstanceOf(DataServiceException.class).hasMessage("no such dataset");
      assertThat(((DataServiceException) failure).status()).isEqualTo(GrpcStatus.NOT_FOUND);
    }
    assertThat(calls).hasValue(5);
  }

  /** A fake data service that never answers, or refuses every call with NOT_FOUND. */
  private HttpServer serve(boolean refuse) throws Exception {
    GrpcServer grpc =
        GrpcServer.server(vertx)
            .callHandler(
                request -> {
                  calls.incrementAndGet();
                  if (refuse) {
                    request
                        .response()
                        .status(GrpcStatus.NOT_FOUND)
                        .statusMessage("no such dataset")
                        .end();
                  }
                });
    return result(vertx.createHttpServer().requestHandler(grpc).listen(0, "127.0.0.1"));
  }

  private DataServiceClient client(HttpServer server, Duration deadline) {
    return new DataServiceClient(
        clients.service("data", new HostPort("127.0.0.1", server.actualPort()), deadline),
        Duration.ofMinutes(1));
  }

  private static ProblemException problemOf(Future<?> call) throws Exception {
    Throwable failure = failureOf(call);
    assertThat(failure).isInstanceOf(ProblemException.class);
    return (ProblemException) failure;
  }

  private static Throwable failureOf(Future<?> call) throws Exception {
    try {
      call.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the call succeeded");
  }

  private static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
