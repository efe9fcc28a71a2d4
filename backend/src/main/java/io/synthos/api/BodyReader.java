package io.synthos.api;

import io.synthos.platform.http.ProblemType;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.time.Duration;
import java.util.Map;
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
  private final long limitBytes;
  private final BodyBudget budget;
  private final OpenAPIContract contract;
  private final Set<String> streaming;

  BodyReader(long limitBytes, BodyBudget budget, OpenAPIContract contract, Set<String> streaming) {
    this.bodies = BodyHandler.create(false).setBodyLimit(limitBytes);
    this.limitBytes = limitBytes;
    this.budget = budget;
    this.contract = contract;
    this.streaming = streaming;
  }

  @Override
  public void handle(RoutingContext rc) {
    Operation operation = RequestOperation.of(rc, contract);
    if (operation != null && streaming.contains(operation.getOperationId())) {
      rc.request().pause();
      rc.next();
      return;
    }
    long size = expectedSize(rc.request());
    if (size == 0) {
      // Neither a length nor chunks: the request has no body (RFC 9112, 6.3), nothing to wait for.
      bodies.handle(rc);
      return;
    }
    if (!budget.reserve(size)) {
      busy(rc);
      return;
    }
    rc.addEndHandler(ended -> budget.release(size));
    long deadline = rc.vertx().setTimer(BODY_DEADLINE.toMillis(), id -> tooSlow(rc));
    rc.addEndHandler(ended -> rc.vertx().cancelTimer(deadline));
    bodies.handle(rc);
  }

  /**
   * What the body will hold: its declared length, the limit when it is chunked, at most the limit
   * (a longer one is refused 413 before it is read).
   */
  private long expectedSize(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      try {
        return Math.min(Math.max(Long.parseLong(length.strip()), 0), limitBytes);
      } catch (NumberFormatException malformed) {
        return limitBytes;
      }
    }
    return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null ? limitBytes : 0;
  }

  /** Too many bodies held already: refused before a byte of this one is read. */
  private static void busy(RoutingContext rc) {
    HttpConnection connection = rc.request().connection();
    rc.response().putHeader("Connection", "close").endHandler(ended -> connection.close());
    rc.fail(
        ProblemType.SERVER_BUSY.exception(
            "The server is reading as many request bodies as it may at once; retry shortly.",
            Map.of("Retry-After", "1")));
  }

  private static void tooSlow(RoutingContext rc) {
    if (rc.request().isEnded() || rc.response().ended() || rc.failed()) {
      return;
    }
    HttpConnection connection = rc.request().connection();
    rc.response().putHeader("Connection", "close").endHandler(ended -> connection.close());
    rc.fail(
        ProblemType.REQUEST_TIMEOUT.exception(
            "The request body did not arrive within " + BODY_DEADLINE.toSeconds() + " s."));
  }
}
