package io.synthos.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.Set;

/**
 * Reads each request's (bounded) body before the handlers run — except for operations that stream
 * their body, whose request is paused instead, so nothing of it is lost while they authenticate and
 * check their input, and nothing of it is held in memory.
 */
final class BodyReader implements Handler<RoutingContext> {

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
    bodies.handle(rc);
  }
}
