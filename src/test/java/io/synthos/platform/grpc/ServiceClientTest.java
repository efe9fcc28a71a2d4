package io.synthos.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.platform.FreePort;
import io.synthos.platform.config.HostPort;
import io.synthos.proto.v1.DataGrpcClient;
import io.synthos.proto.v1.DatasetRef;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The backend's gRPC clients against fake services that misbehave on purpose: one that never
 * answers, one that refuses everything, and none at all.
 */
@DisplayName("A service client from the factory")
class ServiceClientTest {

  /** Long enough for a first call on a busy machine, short enough to wait for in a test. */
  private static final Duration DEADLINE = Duration.ofSeconds(1);

  private static final DatasetRef REF = DatasetRef.newBuilder().setDatasetId("d").build();

  private final Vertx vertx = Vertx.vertx();
  private final GrpcClients clients = GrpcClients.over(vertx, GrpcClient.client(vertx));
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger cancelled = new AtomicInteger();

  @AfterEach
  void close() throws Exception {
    result(clients.close());
    result(vertx.close());
  }

  @Test
  @DisplayName("ends a call the service never answers with DEADLINE_EXCEEDED at its deadline")
  void deadline() throws Exception {
    ServiceClient silent = client(serve(request -> {}));

    long start = System.nanoTime();
    CallFailure failure = failureOf(silent.unary(DataGrpcClient.Stat, REF));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(failure.kind()).isEqualTo(CallFailure.Kind.DEADLINE_EXCEEDED);
    assertThat(failure.status()).isEqualTo(GrpcStatus.DEADLINE_EXCEEDED);
    assertThat(failure.getMessage()).isEqualTo("data service gave no answer within 1000 ms");
    assertThat(took).isBetween(DEADLINE, DEADLINE.plusSeconds(5));
    await().atMost(Duration.ofSeconds(5)).until(() -> cancelled.get() == 1);
  }

  @Test
  @DisplayName("opens its breaker after three calls that find the service down, then fails at once")
  void breakerOpens() throws Exception {
    ServiceClient silent = client(serve(request -> {}));

    for (int i = 0; i < GrpcClients.MAX_FAILURES; i++) {
      assertThat(failureOf(silent.unary(DataGrpcClient.Stat, REF)).kind())
          .isEqualTo(CallFailure.Kind.DEADLINE_EXCEEDED);
    }
    long start = System.nanoTime();
    CallFailure refused = failureOf(silent.unary(DataGrpcClient.Stat, REF));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(silent.breaker().state()).isEqualTo(CircuitBreakerState.OPEN);
    assertThat(refused.kind()).isEqualTo(CallFailure.Kind.CIRCUIT_OPEN);
    assertThat(refused.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
    assertThat(refused.serviceDown()).isTrue();
    assertThat(took).as("no wait for a deadline").isLessThan(DEADLINE);
    assertThat(calls).as("the fourth call never reached the service").hasValue(3);
  }

  @Test
  @DisplayName("keeps its breaker closed while the service answers, even with a refusal")
  void refusalsAreNoOutage() throws Exception {
    HttpServer server =
        serve(
            request -> request.response().status(GrpcStatus.NOT_FOUND).statusMessage("no d").end());
    // A deadline no answer comes near: this is about answers.
    ServiceClient refusing =
        clients.service(
            "data", new HostPort("127.0.0.1", server.actualPort()), Duration.ofSeconds(30));

    for (int i = 0; i < GrpcClients.MAX_FAILURES + 2; i++) {
      CallFailure failure = failureOf(refusing.unary(DataGrpcClient.Stat, REF));
      assertThat(failure.kind()).isEqualTo(CallFailure.Kind.ANSWERED);
      assertThat(failure.status()).isEqualTo(GrpcStatus.NOT_FOUND);
      assertThat(failure.detail()).isEqualTo("no d");
      assertThat(failure.serviceDown()).isFalse();
    }
    assertThat(refusing.breaker().state()).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(calls).hasValue(GrpcClients.MAX_FAILURES + 2);
  }

  @Test
  @DisplayName("says a service nobody listens for is unreachable, which counts as down")
  void unreachable() throws Exception {
    ServiceClient nobody =
        clients.service("data", new HostPort("127.0.0.1", FreePort.find()), DEADLINE);

    CallFailure failure = failureOf(nobody.unary(DataGrpcClient.Stat, REF));

    assertThat(failure.kind()).isEqualTo(CallFailure.Kind.UNREACHABLE);
    assertThat(failure.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
    assertThat(failure.getMessage()).startsWith("data service unreachable: ");
    assertThat(failure.serviceDown()).isTrue();
  }

  /** A fake service that counts calls and cancellations, and does {@code answer} with each. */
  private HttpServer serve(Consumer<GrpcServerRequest<Buffer, Buffer>> answer) throws Exception {
    GrpcServer grpc =
        GrpcServer.server(vertx)
            .callHandler(
                request -> {
                  calls.incrementAndGet();
                  request.errorHandler(error -> cancelled.incrementAndGet());
                  answer.accept(request);
                });
    return result(vertx.createHttpServer().requestHandler(grpc).listen(0, "127.0.0.1"));
  }

  private ServiceClient client(HttpServer server) {
    return clients.service("data", new HostPort("127.0.0.1", server.actualPort()), DEADLINE);
  }

  private static CallFailure failureOf(Future<?> call) throws Exception {
    Throwable failure;
    try {
      call.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("the call succeeded");
    } catch (java.util.concurrent.ExecutionException e) {
      failure = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
    }
    assertThat(failure).isInstanceOf(CallFailure.class);
    return (CallFailure) failure;
  }

  private static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
