package io.synthos.dashboard;

import io.synthos.auth.AuthClient;
import io.synthos.auth.Principal;
import io.synthos.platform.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;

/**
 * Lets a request through only for a signed-in account that is an admin now, not merely when it
 * signed in: each page, action and stream asks the auth verticle again, so a demoted or deleted
 * admin's session ends with the next request. Fails closed when the auth verticle does not answer.
 */
final class AdminGate {

  private final AuthClient auth;
  private final Templates templates;

  AdminGate(AuthClient auth, Templates templates) {
    this.auth = auth;
    this.templates = templates;
  }

  /** Anonymous or demoted page requests go to the login form. */
  void page(RoutingContext rc) {
    check(rc, () -> rc.redirect("/login"));
  }

  /** Anonymous or demoted API-like requests (the event stream, actions) get 401. */
  void api(RoutingContext rc) {
    check(
        rc,
        () ->
            rc.response()
                .setStatusCode(401)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end("Sign in at /login first.\n"));
  }

  /** Whether {@code userId} is still an admin; false when the account is gone. */
  Future<Boolean> stillAdmin(UUID userId) {
    return auth.account(userId)
        .map(account -> Principal.ADMIN.equals(account.role()))
        .recover(
            failure ->
                failure instanceof ProblemException problem && problem.problem().status() == 404
                    ? Future.succeededFuture(false)
                    : Future.failedFuture(failure));
  }

  private void check(RoutingContext rc, Runnable refuse) {
    Principal admin = AdminSession.admin(rc);
    if (admin == null) {
      refuse.run();
      return;
    }
    stillAdmin(admin.userId())
        .onSuccess(
            still -> {
              if (still) {
                rc.next();
              } else {
                AdminSession.signOut(rc);
                refuse.run();
              }
            })
        .onFailure(
            failure ->
                Pages.html(
                    rc,
                    503,
                    templates.render(
                        Templates.FORBIDDEN,
                        Map.of(
                            "heading",
                            "503 — Service Unavailable",
                            "reason",
                            "The account service did not answer, so your access could not be"
                                + " checked. Try again in a moment."))));
  }
}
