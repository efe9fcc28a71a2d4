package io.synthos.platform;

import io.synthos.platform.config.Secret;
import io.synthos.platform.config.SynthosConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.Address;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.ServiceMethod;

/**
 * The connection under every backend caller of the ML services: TLS as configured, and the ML
 * services' secret in the {@link #CREDENTIAL_HEADER} metadata of every call, generated stubs' calls
 * included, since the services answer nothing without it. Callers get their clients from {@link
 * io.synthos.platform.grpc.GrpcClients}, which adds a deadline and a circuit breaker.
 */
public final class MlGrpcClient implements GrpcClient {

  /** The metadata key of the secret; the ML services read the same one. */
  public static final String CREDENTIAL_HEADER = "synthos-service-credential";

  private final GrpcClient client;
  private final String secret;

  private MlGrpcClient(GrpcClient client, String secret) {
    this.client = client;
    this.secret = secret;
  }

  /**
   * A client with {@code options} over the configured TLS.
   *
   * @throws IllegalStateException when the configuration holds no secret: the launcher fills one
   *     in, or refuses to start, before any role that calls the ML services runs
   */
  public static GrpcClient create(Vertx vertx, SynthosConfig config, GrpcClientOptions options) {
    Secret secret = config.services().secret();
    if (secret.isEmpty()) {
      throw new IllegalStateException("no secret for the calls to the ML services");
    }
    return carrying(GrpcClient.client(vertx, options, TlsOptions.grpcClient(config.tls())), secret);
  }

  /** {@code client} with {@code secret} in the metadata of every call it makes. */
  public static GrpcClient carrying(GrpcClient client, Secret secret) {
    return new MlGrpcClient(client, secret.value());
  }

  @Override
  public Future<GrpcClientRequest<Buffer, Buffer>> request(Address server) {
    return client.request(server).map(this::withCredential);
  }

  @Override
  public Future<GrpcClientRequest<Buffer, Buffer>> request() {
    return client.request().map(this::withCredential);
  }

  @Override
  public <Req, Resp> Future<GrpcClientRequest<Req, Resp>> request(
      Address server, ServiceMethod<Resp, Req> method) {
    return client.request(server, method).map(this::withCredential);
  }

  @Override
  public <Req, Resp> Future<GrpcClientRequest<Req, Resp>> request(ServiceMethod<Resp, Req> method) {
    return client.request(method).map(this::withCredential);
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  private <Req, Resp> GrpcClientRequest<Req, Resp> withCredential(
      GrpcClientRequest<Req, Resp> call) {
    call.headers().set(CREDENTIAL_HEADER, secret);
    return call;
  }
}
