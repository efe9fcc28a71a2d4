package io.synthos.api;

import io.synthos.auth.Access;
import io.synthos.auth.AccessRules;
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
 * who sent the request's credentials (a bearer token or an API key, see {@link AuthClient}) and
 * whether that credential may call the operation ({@link AccessRules}: an API key only within its
 * scopes, and never where the contract takes a login only), stores the {@link Principal} on the
 * context and adds the caller's rate-limit headers; otherwise lets it through. For secured
 * operations that stream their body it asks the same without Vert.x's handler, so the body stays
 * paused until the operation reads it.
 */
final class Authentication implements Handler<RoutingContext> {

  private static final String KEY = "synthos.principal";
  private static final String ACCESS = "synthos.access";

  private final AuthClient auth;
  private final OpenAPIContract contract;
  private final AccessRules rules;
  private final SimpleAuthenticationHandler handler;
  private final Set<String> pausedAndSecured;

  /**
   * @param rules what each operation asks of its caller, read from the contract as written (the
   *     copy given to the router marks the streaming operations public, see {@link ApiContract})
   * @param pausedAndSecured operations that need a caller but whose body waits, paused, for their
   *     handler
   */
  Authentication(
      AuthClient auth, OpenAPIContract contract, AccessRules rules, Set<String> pausedAndSecured) {
    this.auth = auth;
    this.contract = contract;
    this.rules = rules;
    this.pausedAndSecured = pausedAndSecured;
    // Going through Vert.x's handler sets the request's user, which the contract's own security
    // chain then accepts; our failures (401, 429, 503) keep their status through it.
    this.handler = SimpleAuthenticationHandler.create().authenticate(this::authenticate);
  }

  @Override
  public void handle(RoutingContext rc) {
    Operation operation = RequestOperation.of(rc, contract);
    Access access = operation == null ? null : rules.operation(operation.getOperationId());
    if (access == null) {
      rc.next();
      return;
    }
    rc.put(ACCESS, access);
    if (pausedAndSecured.contains(operation.getOperationId())) {
      // Vert.x's handler would resume the paused body before anyone reads it.
      identify(rc).onSuccess(principal -> rc.next()).onFailure(rc::fail);
      return;
    }
    handler.handle(rc);
  }

  /**
   * Asks who sent the request's credentials, and whether they may call its operation; remembers the
   * caller on the context, or fails with the problem (401, 403, 429, 503).
   */
  private Future<Principal> identify(RoutingContext rc) {
    return auth.authenticate(
            rc.request().getHeader("Authorization"),
            rc.request().getHeader("X-API-Key"),
            rc.get(ACCESS))
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

  /** The authenticated caller; present on every secured operation. */
  static Principal principal(RoutingContext rc) {
    return rc.get(KEY);
  }
}
