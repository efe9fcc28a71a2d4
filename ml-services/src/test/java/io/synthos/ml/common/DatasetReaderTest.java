package io.synthos.ml.common;

import static io.synthos.ml.GrpcTestKit.SERVICE_SECRET;
import static io.synthos.ml.GrpcTestKit.serviceConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.StatusException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The validation and collapse services' reads from the data service, against a fake data service
 * that takes every call and never answers.
 */
@DisplayName("A dataset read from the data service")
class DatasetReaderTest {

  /** Long enough for a first call on a busy machine, short enough to wait for in a test. */
  private static final int DEADLINE_MS = 1_000;

  private final Vertx vertx = Vertx.vertx();

  /** The credential each call to the fake carried. */
  private final List<String> credentials = new CopyOnWriteArrayList<>();

  private DatasetReader reader;

  @AfterEach
  void close() throws Exception {
    if (reader != null) {
      result(reader.close());
    }
    result(vertx.close());
  }

  @Test
  @DisplayName("ends with DEADLINE_EXCEEDED at its deadline, naming the dataset's role")
  void deadline() throws Exception {
    reader = readerOf(silentDataService());

    long start = System.nanoTime();
    StatusException failure = failureOf(reader.read("d", "synthetic"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(failure.status()).isEqualTo(GrpcStatus.DEADLINE_EXCEEDED);
    assertThat(failure.message())
        .isEqualTo("the synthetic dataset: the data service gave no answer within 1000 ms");
    assertThat(took)
        .isBetween(Duration.ofMillis(DEADLINE_MS), Duration.ofMillis(DEADLINE_MS + 5_000));
    assertThat(credentials).containsExactly(SERVICE_SECRET);
  }

  @Test
  @DisplayName("fails at once, UNAVAILABLE, once three reads found the data service silent")
  void breaker() throws Exception {
    reader = readerOf(silentDataService());

    for (int i = 0; i < ClientFactory.MAX_FAILURES; i++) {
      assertThat(failureOf(reader.read("d", "reference")).status())
          .isEqualTo(GrpcStatus.DEADLINE_EXCEEDED);
    }
    long start = System.nanoTime();
    StatusException refused = failureOf(reader.read("d", "reference"));

    assertThat(refused.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
    assertThat(refused.message()).contains("circuit breaker is open");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(Duration.ofMillis(DEADLINE_MS));
    assertThat(credentials).as("the fourth read never reached the service").hasSize(3);
  }

  /** A data service that records each call's credential and answers none. */
  private HttpServer silentDataService() throws Exception {
    GrpcServer grpc =
        GrpcServer.server(vertx)
            .callHandler(
                request -> credentials.add(request.headers().get(ServiceCredential.HEADER)));
    return result(vertx.createHttpServer().requestHandler(grpc).listen(0, "127.0.0.1"));
  }

  private DatasetReader readerOf(HttpServer dataService) {
    return DatasetReader.fromConfig(
        vertx,
        serviceConfig(0)
            .put("dataService", "127.0.0.1:" + dataService.actualPort())
            .put("dataServiceDeadlineMs", DEADLINE_MS));
  }

  private static StatusException failureOf(Future<?> read) throws Exception {
    Throwable failure;
    try {
      read.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("the read succeeded");
    } catch (ExecutionException e) {
      failure = e.getCause();
    }
    assertThat(failure).isInstanceOf(StatusException.class);
    return (StatusException) failure;
  }

  private static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
