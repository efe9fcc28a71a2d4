package io.synthos.ml;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.synthos.ml.common.ServiceCredential;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.Address;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.v1.HealthCheckRequest;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What the ML service tests share: free ports, clients with deadlines, raw gRPC calls. */
public final class GrpcTestKit {

  /** {@code grpc.health.v1.Health/Check}: vertx-grpc-health ships the messages but no client. */
  private static final ServiceMethod<HealthCheckResponse, HealthCheckRequest> HEALTH_CHECK =
      ServiceMethod.client(
          ServiceName.create("grpc.health.v1.Health"),
          "Check",
          GrpcMessageEncoder.encoder(),
          GrpcMessageDecoder.decoder(HealthCheckResponse.newBuilder()));

  /** The secret the ML services of these tests check, and {@link #client} sends. */
  public static final String SERVICE_SECRET = "ml-tests-service-secret-of-more-than-32-characters";

  /**
   * The deadline of a call that computes (ingest, validate, analyse): the orchestrator gives such
   * calls a work deadline of their own, not a quick call's 5 s. The coverage agent makes the
   * computations several times slower, and two busy cores slower still.
   */
  public static final Duration WORK_DEADLINE = Duration.ofSeconds(90);

  /**
   * How long {@link #await} waits: past every deadline, so a call's own end is what a test sees.
   */
  private static final Duration AWAIT = WORK_DEADLINE.plusSeconds(30);

  /** Ports handed out once, so two services deployed one after the other never share one. */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private GrpcTestKit() {}

  /** The future's result, waiting at most two minutes. */
  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(AWAIT.toMillis(), MILLISECONDS);
  }

  /** A port nobody listens on and this process has not handed out before. */
  public static int freePort() {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0)) {
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public static SocketAddress local(int port) {
    return SocketAddress.inetSocketAddress(port, "127.0.0.1");
  }

  /**
   * A client whose every call carries the services' credential and a 5 s deadline, so no test hangs
   * on a silent server.
   */
  public static GrpcClient client(Vertx vertx) {
    return carrying(stranger(vertx), SERVICE_SECRET);
  }

  /** {@code client} with {@code secret} in the credential metadata of every call it makes. */
  public static GrpcClient carrying(GrpcClient client, String secret) {
    return new Carrying(client, secret);
  }

  /** A client with the services' credential for calls that compute: {@link #WORK_DEADLINE}. */
  public static GrpcClient workClient(Vertx vertx) {
    return carrying(withDeadline(vertx, WORK_DEADLINE), SERVICE_SECRET);
  }

  /** A client as anyone on the network has: a 5 s deadline, and no credential. */
  public static GrpcClient stranger(Vertx vertx) {
    return withDeadline(vertx, Duration.ofSeconds(5));
  }

  private static GrpcClient withDeadline(Vertx vertx, Duration deadline) {
    return GrpcClient.client(
        vertx,
        new GrpcClientOptions()
            .setTimeout((int) deadline.toMillis())
            .setTimeoutUnit(MILLISECONDS)
            .setScheduleDeadlineAutomatically(true));
  }

  /** The deployment config of a service on {@code port} that checks {@link #SERVICE_SECRET}. */
  public static JsonObject serviceConfig(int port) {
    return new JsonObject().put("port", port).put("serviceSecret", SERVICE_SECRET);
  }

  public static Future<HealthCheckResponse> healthCheck(
      GrpcClient client, int port, String service) {
    return call(
            client, port, HEALTH_CHECK, HealthCheckRequest.newBuilder().setService(service).build())
        .compose(GrpcClientResponse::last);
  }

  /** Deploys a data service storing under {@code dataDir}; answers its port. */
  public static Future<Integer> deployDataService(Vertx vertx, java.nio.file.Path dataDir) {
    int port = freePort();
    return vertx
        .deployVerticle(
            "io.synthos.ml.data.DataServiceVerticle",
            new io.vertx.core.DeploymentOptions()
                .setConfig(serviceConfig(port).put("dataDir", dataDir.toString())))
        .map(port);
  }

  /**
   * Deploys an ML service ({@code verticle}, its class name) that reads from the data service on
   * {@code dataPort}, with {@code config} added; answers its port.
   */
  public static Future<Integer> deployReadingService(
      Vertx vertx, String verticle, int dataPort, JsonObject config) {
    int port = freePort();
    return vertx
        .deployVerticle(
            verticle,
            new io.vertx.core.DeploymentOptions()
                .setConfig(
                    serviceConfig(port)
                        .mergeIn(config)
                        .put("dataService", "127.0.0.1:" + dataPort)))
        .map(port);
  }

  /**
   * The response of a unary call, for reading its status and status message: the generated clients
   * fail with {@code InvalidStatusException}, which carries the status but drops the message.
   */
  public static <Req, Resp> Future<GrpcClientResponse<Req, Resp>> call(
      GrpcClient client, int port, ServiceMethod<Resp, Req> method, Req request) {
    return client
        .request(local(port), method)
        .compose(call -> call.end(request).compose(sent -> call.response()));
  }

  /** How a server-streaming call ended: its status and message, and every message it sent. */
  public record Streamed<Resp>(GrpcStatus status, String message, List<Resp> messages) {}

  /** Makes a server-streaming call and collects everything it sends until it ends. */
  public static <Req, Resp> Future<Streamed<Resp>> stream(
      GrpcClient client, int port, ServiceMethod<Resp, Req> method, Req request) {
    return call(client, port, method, request).compose(GrpcTestKit::collect);
  }

  /**
   * Everything {@code response} sends until it ends, or until the call is reset (a deadline passed,
   * either side cancelled), which ends it with the reset's status rather than never.
   */
  public static <Resp> Future<Streamed<Resp>> collect(GrpcClientResponse<?, Resp> response) {
    // Attach the handler at once, inside compose: attaching later loses streamed messages.
    List<Resp> messages = new ArrayList<>();
    response.handler(messages::add);
    Promise<Streamed<Resp>> ended = Promise.promise();
    // A reset (this side's deadline, either side's cancel) reaches only the error handler.
    response.errorHandler(
        reset ->
            ended.tryComplete(
                new Streamed<>(reset.status, "reset: " + reset, List.copyOf(messages))));
    response
        .end()
        .onComplete(
            end ->
                ended.tryComplete(
                    new Streamed<>(
                        response.status(), response.statusMessage(), List.copyOf(messages))));
    return ended.future();
  }

  /**
   * A client stamping every call with a credential, as Synthos's own callers do; any string, the
   * empty one included, so tests can send what a stranger would.
   */
  private record Carrying(GrpcClient client, String secret) implements GrpcClient {

    @Override
    public Future<GrpcClientRequest<Buffer, Buffer>> request(Address server) {
      return client.request(server).map(this::stamp);
    }

    @Override
    public Future<GrpcClientRequest<Buffer, Buffer>> request() {
      return client.request().map(this::stamp);
    }

    @Override
    public <Req, Resp> Future<GrpcClientRequest<Req, Resp>> request(
        Address server, ServiceMethod<Resp, Req> method) {
      return client.request(server, method).map(this::stamp);
    }

    @Override
    public <Req, Resp> Future<GrpcClientRequest<Req, Resp>> request(
        ServiceMethod<Resp, Req> method) {
      return client.request(method).map(this::stamp);
    }

    @Override
    public Future<Void> close() {
      return client.close();
    }

    private <Req, Resp> GrpcClientRequest<Req, Resp> stamp(GrpcClientRequest<Req, Resp> call) {
      call.headers().set(ServiceCredential.HEADER, secret);
      return call;
    }
  }
}
