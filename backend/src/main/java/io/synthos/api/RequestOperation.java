package io.synthos.api;

import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

/**
 * The contract's operation for a request, looked up once: matching a path against every template of
 * the contract is not cheap, and several handlers of one request need the answer.
 */
final class RequestOperation {

  private static final String KEY = "synthos.operation";
  private static final Object NONE = new Object();

  private RequestOperation() {}

  /** The operation of {@code rc}'s path and method, or null when the contract has none. */
  static Operation of(RoutingContext rc, OpenAPIContract contract) {
    Object known = rc.get(KEY);
    if (known == null) {
      Operation found = contract.findOperation(rc.normalizedPath(), rc.request().method());
      known = found == null ? NONE : found;
      rc.put(KEY, known);
    }
    return known == NONE ? null : (Operation) known;
  }
}
