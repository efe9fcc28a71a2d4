package io.synthos.dashboard;

import io.synthos.auth.AuthClient;
import io.synthos.auth.Principal;
import io.synthos.auth.TokenPair;
import io.synthos.platform.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /login}, {@code POST /login}, {@code POST /logout}. The credentials go to the auth
 * verticle like an API login (same per-IP rate limit); the access token it answers says the role.
 * Only an admin gets a session; the API tokens the login made are revoked at once either way.
 */
final class LoginRoutes {

  private static final Logger log = LoggerFactory.getLogger(LoginRoutes.class);

  private final AuthClient auth;
  private final Templates templates;

  LoginRoutes(AuthClient auth, Templates templates) {
    this.auth = auth;
    this.templates = templates;
  }

  void form(RoutingContext rc) {
    if (AdminSession.admin(rc) != null) {
      rc.redirect("/");
      return;
    }
    page(rc, 200, null, "");
  }

  void login(RoutingContext rc) {
    String email = rc.request().getFormAttribute("email");
    String password = rc.request().getFormAttribute("password");
    if (email == null || email.isBlank() || password == null || password.isEmpty()) {
      page(rc, 400, "Enter your email and password.", email);
      return;
    }
    String ip = clientIp(rc);
    auth.login(email, password, ip)
        .compose(tokens -> whoIs(tokens).compose(caller -> revoke(caller, tokens).map(caller)))
        .onSuccess(caller -> admit(rc, caller, email, ip))
        .onFailure(failure -> refuse(rc, failure, email));
  }

  void logout(RoutingContext rc) {
    AdminSession.signOut(rc);
    rc.response().setStatusCode(303).putHeader("Location", "/login").end();
  }

  private Future<Principal> whoIs(TokenPair tokens) {
    return auth.authenticate("Bearer " + tokens.accessToken(), null);
  }

  /** The dashboard keeps no API token: a failure to revoke only leaves one to expire. */
  private Future<Void> revoke(Principal caller, TokenPair tokens) {
    return auth.logout(caller, tokens.refreshToken())
        .recover(
            failure -> {
              log.warn("could not revoke the dashboard login's tokens: {}", failure.getMessage());
              return Future.succeededFuture();
            });
  }

  private void admit(RoutingContext rc, Principal caller, String email, String ip) {
    if (!caller.isAdmin()) {
      log.info("dashboard sign-in refused to a non-admin account from {}", ip);
      forbidden(rc, templates, "This account is not an administrator.");
      return;
    }
    AdminSession.signIn(rc, caller, email.strip());
    log.info("admin {} signed in to the dashboard from {}", caller.userId(), ip);
    rc.response().setStatusCode(303).putHeader("Location", "/").end();
  }

  private void refuse(RoutingContext rc, Throwable failure, String email) {
    int status = failure instanceof ProblemException problem ? problem.problem().status() : 503;
    switch (status) {
      case 400, 401 -> page(rc, 401, "Wrong email or password.", email);
      case 429 -> {
        ((ProblemException) failure).headers().forEach(rc.response()::putHeader);
        page(rc, 429, "Too many sign-in attempts. Wait a moment and try again.", email);
      }
      default -> page(rc, 503, "Sign-in is unavailable right now. Try again shortly.", email);
    }
  }

  private void page(RoutingContext rc, int status, String error, String email) {
    Map<String, Object> model = new HashMap<>();
    model.put("csrf", SessionSecurity.csrfToken(rc));
    model.put("csrfField", SessionSecurity.CSRF_FIELD);
    model.put("error", error);
    model.put("email", email == null ? "" : email);
    Pages.html(rc, status, templates.render(Templates.LOGIN, model));
  }

  /** The 403 page, for non-admins and for forms without a valid CSRF token. */
  static void forbidden(RoutingContext rc, Templates templates, String reason) {
    Pages.html(rc, 403, templates.render(Templates.FORBIDDEN, Map.of("reason", reason)));
  }

  /** The caller's address, as the API passes it to the auth verticle's rate limits. */
  static String clientIp(RoutingContext rc) {
    return rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().host();
  }
}
