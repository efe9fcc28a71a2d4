package io.synthos.ml.common;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.Service;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the {@link ServiceCredential} in front of every method of a gRPC service, the ones a later
 * version adds included: a call without it, or with a wrong one, ends {@code UNAUTHENTICATED}
 * before its handler runs, so it reads and changes nothing. Refusals are logged at most once per
 * interval per service instance, with a count of the others, never with what the caller sent.
 */
final class CredentialGuard {

  private static final Logger log = LoggerFactory.getLogger(CredentialGuard.class);
  private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

  private final String name;
  private final ServiceCredential credential;
  private long lastLoggedNanos;
  private boolean loggedAny;
  private long heldBack;

  /**
   * @param name the service's short name, for the refusal and the log line, e.g. {@code data}
   */
  CredentialGuard(String name, ServiceCredential credential) {
    this.name = name;
    this.credential = credential;
  }

  /** {@code service} with every method it binds behind the check. */
  Service guard(Service service) {
    return new Service() {
      @Override
      public ServiceName name() {
        return service.name();
      }

      @Override
      public ServiceDescriptor descriptor() {
        return service.descriptor();
      }

      @Override
      public void bind(GrpcServer server) {
        service.bind(new GuardedServer(server));
      }
    };
  }

  private <Req, Resp> Handler<GrpcServerRequest<Req, Resp>> checked(
      Handler<GrpcServerRequest<Req, Resp>> handler) {
    return request -> {
      String presented = request.headers().get(ServiceCredential.HEADER);
      if (credential.accepts(presented)) {
        handler.handle(request);
        return;
      }
      String problem = presented == null ? "no service credential" : "a wrong service credential";
      logRefusal(request, problem);
      request
          .response()
          .status(GrpcStatus.UNAUTHENTICATED)
          .statusMessage(
              "the "
                  + name
                  + " service answers only Synthos's own processes; this call carries "
                  + problem)
          .end();
    };
  }

  private synchronized void logRefusal(GrpcServerRequest<?, ?> request, String problem) {
    long now = System.nanoTime();
    if (loggedAny && now - lastLoggedNanos < LOG_INTERVAL_NANOS) {
      heldBack++;
      return;
    }
    log.warn(
        "{} service refused {} from {}: {}{}",
        name,
        request.fullMethodName(),
        request.connection().remoteAddress(),
        problem,
        heldBack == 0 ? "" : " (and " + heldBack + " more refusals since the last such line)");
    loggedAny = true;
    lastLoggedNanos = now;
    heldBack = 0;
  }

  /** The server as the service binds to it: each method handler it registers is checked first. */
  private final class GuardedServer implements GrpcServer {

    private final GrpcServer server;

    GuardedServer(GrpcServer server) {
      this.server = server;
    }

    @Override
    public <Req, Resp> GrpcServer callHandler(
        ServiceMethod<Req, Resp> method, Handler<GrpcServerRequest<Req, Resp>> handler) {
      server.callHandler(method, checked(handler));
      return this;
    }

    @Override
    public GrpcServer callHandler(Handler<GrpcServerRequest<Buffer, Buffer>> handler) {
      server.callHandler(checked(handler));
      return this;
    }

    @Override
    public GrpcServer addService(Service service) {
      server.addService(guard(service));
      return this;
    }

    @Override
    public List<Service> services() {
      return server.services();
    }

    @Override
    public void handle(HttpServerRequest request) {
      server.handle(request);
    }
  }
}
