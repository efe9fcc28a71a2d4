package io.synthos.ml.common;

import io.synthos.proto.v1.ServiceInfo;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.grpc.health.HealthService;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.Service;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one ML gRPC service with the standard gRPC health service beside it, on its own HTTP/2
 * server, with a named worker pool for the heavy work. Subclasses supply the service.
 *
 * <p>Every method of the service answers only calls that carry the service credential ({@link
 * CredentialGuard}); the health service stays open to probes and tells only whether it serves.
 *
 * <p>Deployment config: {@code host}, {@code port}, {@code workerThreads}, {@code version} (see
 * {@link ServiceSettings}), {@code serviceSecret} (see {@link ServiceCredential}).
 */
public abstract class GrpcServiceVerticle extends VerticleBase {

  private final Logger log = LoggerFactory.getLogger(getClass());
  private final String name;
  private final List<String> capabilities;
  private ServiceSettings settings;

  /**
   * How long one computation may hold a worker before Vert.x warns that it is blocked: statistics
   * over large datasets run for minutes by design (the orchestrator's work deadline bounds them).
   */
  private static final Duration MAX_COMPUTATION = Duration.ofHours(2);

  private WorkerExecutor workers;
  private HttpServer server;
  private long startedAtEpochMs;

  /**
   * @param name the short name reported by Describe and used in errors, e.g. {@code data}
   * @param capabilities what the service is meant to compute, reported by Describe
   */
  protected GrpcServiceVerticle(String name, List<String> capabilities) {
    this.name = name;
    this.capabilities = List.copyOf(capabilities);
  }

  /**
   * Builds the gRPC service; called once per start, after the common settings are read.
   *
   * @throws IllegalArgumentException when a service-specific setting is missing or wrong
   */
  protected abstract Service createService();

  @Override
  public Future<?> start() {
    Service service;
    try {
      settings = ServiceSettings.from(config());
      service = new CredentialGuard(name, ServiceCredential.from(config())).guard(createService());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(name + " service: " + e.getMessage());
    }
    startedAtEpochMs = System.currentTimeMillis();
    workers =
        vertx.createSharedWorkerExecutor(
            "synthos-" + name + "-workers",
            settings.workerThreads(),
            MAX_COMPUTATION.toMinutes(),
            TimeUnit.MINUTES);
    GrpcServer grpc = GrpcServer.server(vertx).addService(service).addService(health(service));
    return vertx
        .createHttpServer(ServiceTls.server(config()))
        .requestHandler(grpc)
        .listen(settings.port(), settings.host())
        .onSuccess(this::listening)
        .recover(this::cannotListen);
  }

  @Override
  public Future<?> stop() {
    return server.close().eventually(workers::close);
  }

  /** What Describe answers: the same for every call of this deployment. */
  protected ServiceInfo serviceInfo() {
    return ServiceInfo.newBuilder()
        .setName(name)
        .setVersion(settings.version())
        .addAllCapabilities(capabilities)
        .setWorkerThreads(settings.workerThreads())
        .setStartedAtEpochMs(startedAtEpochMs)
        // What this JVM can give its work: its cores and the heap it may grow to.
        .setCpuMillis(Runtime.getRuntime().availableProcessors() * 1000)
        .setMemoryMib((int) (Runtime.getRuntime().maxMemory() / (1024 * 1024)))
        .setGpus(0)
        .build();
  }

  /** How many threads the worker pool has: the most one computation may use at once. */
  protected int workerThreads() {
    return settings.workerThreads();
  }

  /** The pool for blocking or CPU-heavy work, so it never runs on the event loop. */
  protected WorkerExecutor workers() {
    return workers;
  }

  private HealthService health(Service service) {
    // Vert.x 5.0.7 already reports every service of this server as SERVING; registering makes
    // that explicit and is where a real readiness check (e.g. dataDir readable) will plug in.
    return HealthService.create(vertx).register(service.name(), () -> Future.succeededFuture(true));
  }

  private void listening(HttpServer listening) {
    server = listening;
    log.debug("{} service listening on {}:{}", name, settings.host(), listening.actualPort());
  }

  private Future<HttpServer> cannotListen(Throwable cause) {
    String message =
        String.format(
            "%s service: cannot listen on %s:%d (port already in use?): %s",
            name, settings.host(), settings.port(), cause.getMessage());
    // A failed start gets no stop(): release the pool here, then report the listen failure.
    return workers
        .close()
        .transform(closed -> Future.failedFuture(new IllegalStateException(message, cause)));
  }
}
