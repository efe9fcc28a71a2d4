package io.synthos.api;

import io.synthos.platform.http.Problem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.time.Duration;
import java.util.Set;

/**
 * Reads each request's (bounded) body before the handlers run — except for operations that stream
 * their body, whose request is paused instead, so nothing of it is lost while they authenticate and
 * check their input, and nothing of it is held in memory. A body that has not arrived within {@link
 * #BODY_DEADLINE} is answered 408 and its connection closed: a client that trickles a body byte by
 * byte (slow loris) holds a connection for seconds, not hours. Streamed uploads are exempt; the
 * server's idle timeout ends those that stop sending.
 */
final class BodyReader implements Handler<RoutingContext> {

  static final Duration BODY_DEADLINE = Duration.ofSeconds(10);

  private final BodyHandler bodies;
  private final OpenAPIContract contract;
  private final Set<String> streaming;

  BodyReader(long limitBytes, OpenAPIContract contract, Set<String> streaming) {
    this.bodies = BodyHandler.create(false).setBodyLimit(limitBytes);
    this.contract = contract;
    this.streaming = streaming;
  }

  @Override
  public void handle(RoutingContext rc) {
    Operation operation = contract.findOperation(rc.normalizedPath(), rc.request().method());
    if (operation != null && streaming.contains(operation.getOperationId())) {
      rc.request().pause();
      rc.next();
      return;
    }
    long deadline = rc.vertx().setTimer(BODY_DEADLINE.toMillis(), id -> tooSlow(rc));
    rc.addEndHandler(ended -> rc.vertx().cancelTimer(deadline));
    bodies.handle(rc);
  }

  private static void tooSlow(RoutingContext rc) {
    if (rc.request().isEnded() || rc.response().ended() || rc.failed()) {
      return;
    }
    HttpConnection connection = rc.request().connection();
    rc.response().putHeader("Connection", "close").endHandler(ended -> connection.close());
    rc.fail(
        Problem.of(
                "request-timeout",
                408,
                "Request Timeout",
                "The request body did not arrive within " + BODY_DEADLINE.toSeconds() + " s.")
            .exception());
  }
}
