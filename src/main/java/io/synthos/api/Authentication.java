package io.synthos.api;

import io.synthos.auth.AuthClient;
import io.synthos.auth.Principal;
import io.synthos.platform.http.ProblemException;
import io.synthos.platform.tracing.LogContext;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.Set;

/**
 * Runs before validation on every request: when the contract says the operation is secured, asks
 * who sent the request's credentials (a bearer token or an API key, see {@link AuthClient}), stores
 * the {@link Principal} on the context and adds the caller's rate-limit headers; otherwise lets it
 * through. For secured operations that stream their body it asks the same without Vert.x's handler,
 * so the body stays paused until the operation reads it.
 */
final class Authentication implements Handler<RoutingContext> {

  private static final String KEY = "synthos.principal";

  private final AuthClient auth;
  private final OpenAPIContract contract;
  private final SimpleAuthenticationHandler handler;
  private final Set<String> pausedAndSecured;

  /**
   * @param pausedAndSecured operations that need a caller but whose body waits, paused, for their
   *     handler; the contract given to the router marks them public (see {@link ApiContract})
   */
  Authentication(AuthClient auth, OpenAPIContract contract, Set<String> pausedAndSecured) {
    this.auth = auth;
    this.contract = contract;
    this.pausedAndSecured = pausedAndSecured;
    // Going through Vert.x's handler sets the request's user, which the contract's own security
    // chain then accepts; our failures (401, 429, 503) keep their status through it.
    this.handler = SimpleAuthenticationHandler.create().authenticate(this::authenticate);
  }

  @Override
  public void handle(RoutingContext rc) {
    Operation operation = RequestOperation.of(rc, contract);
    if (operation != null && pausedAndSecured.contains(operation.getOperationId())) {
      // Vert.x's handler would resume the paused body before anyone reads it.
      identify(rc).onSuccess(principal -> rc.next()).onFailure(rc::fail);
      return;
    }
    if (operation == null || !secured(operation)) {
      rc.next();
      return;
    }
    handler.handle(rc);
  }

  /**
   * Asks who sent the request's credentials and remembers the caller on the context; fails with the
   * problem (401, 429, 503) otherwise.
   */
  private Future<Principal> identify(RoutingContext rc) {
    return auth.authenticate(
            rc.request().getHeader("Authorization"), rc.request().getHeader("X-API-Key"))
        .map(
            principal -> {
              rc.put(KEY, principal);
              LogContext.put(LogContext.USER_ID, principal.userId().toString());
              principal.rateHeaders().forEach(rc.response()::putHeader);
              return principal;
            });
  }

  private Future<User> authenticate(RoutingContext rc) {
    return identify(rc)
        .map(principal -> User.create(principal.toJson()))
        // Vert.x's handler keeps the status of an HttpException and turns anything else into a bare
        // 401; wrapped, a 429 or 503 stays what it is, and the problem travels as the cause.
        .recover(failure -> Future.failedFuture(new HttpException(status(failure), failure)));
  }

  private static int status(Throwable failure) {
    return failure instanceof ProblemException problem ? problem.problem().status() : 401;
  }

  /** {@code security: []} (or none) is public; any other requirement needs a caller. */
  private static boolean secured(Operation operation) {
    return operation.getSecurityRequirements() != null
        && operation.getSecurityRequirements().stream()
            .anyMatch(requirement -> !requirement.isEmpty());
  }

  /** The authenticated caller; present on every secured operation. */
  static Principal principal(RoutingContext rc) {
    return rc.get(KEY);
  }
}
