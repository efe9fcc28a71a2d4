package io.synthos.dashboard;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.SessionStore;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The dashboard's session cookie ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} when
 * the request came over TLS) and its CSRF check: every form carries the token the page was rendered
 * with, and a POST without it is refused with 403. Sessions live in this node's memory (a {@code
 * LocalSessionStore}); a clustered deployment behind a balancer needs sticky sessions or a {@code
 * ClusteredSessionStore}.
 */
final class SessionSecurity {

  /** The form field (and header) the CSRF token travels in. */
  static final String CSRF_FIELD = CSRFHandler.DEFAULT_HEADER_NAME;

  static final String SESSION_COOKIE = "synthos-admin";
  static final long IDLE_TIMEOUT_MS = 30 * 60 * 1000L;

  private final SessionHandler plainSessions;
  private final SessionHandler tlsSessions;
  private final CSRFHandler plainCsrf;
  private final CSRFHandler tlsCsrf;

  SessionSecurity(Vertx vertx, SessionStore store) {
    // Tokens are signed with a key of this process: sessions are local to it too.
    String secret = randomSecret();
    plainSessions = sessions(store, false);
    tlsSessions = sessions(store, true);
    plainCsrf = csrf(vertx, secret, false);
    tlsCsrf = csrf(vertx, secret, true);
  }

  Handler<RoutingContext> sessions() {
    return rc -> (overTls(rc) ? tlsSessions : plainSessions).handle(rc);
  }

  Handler<RoutingContext> csrf() {
    return rc -> (overTls(rc) ? tlsCsrf : plainCsrf).handle(rc);
  }

  /** The token to put in the forms of the page being rendered. */
  static String csrfToken(RoutingContext rc) {
    return rc.get(CSRF_FIELD);
  }

  /** TLS here, or at a proxy in front that says so: either way the cookie must stay on TLS. */
  static boolean overTls(RoutingContext rc) {
    return rc.request().isSSL()
        || "https".equalsIgnoreCase(rc.request().getHeader("X-Forwarded-Proto"));
  }

  private static SessionHandler sessions(SessionStore store, boolean secure) {
    return SessionHandler.create(store)
        .setSessionCookieName(SESSION_COOKIE)
        .setSessionTimeout(IDLE_TIMEOUT_MS)
        .setCookieHttpOnlyFlag(true)
        .setCookieSameSite(CookieSameSite.STRICT)
        .setCookieSecureFlag(secure)
        .setMinLength(32);
  }

  private static CSRFHandler csrf(Vertx vertx, String secret, boolean secure) {
    return CSRFHandler.create(vertx, secret)
        .setCookieHttpOnly(true)
        .setCookieSecure(secure)
        .setTimeout(IDLE_TIMEOUT_MS);
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
