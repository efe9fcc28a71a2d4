package io.synthos.dashboard;

import io.synthos.auth.Principal;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.util.Map;
import java.util.UUID;

/**
 * Who is signed in to the dashboard: only an admin ever gets a session entry. The session keeps the
 * admin's id, never a token: the API tokens the login produced are revoked at once.
 */
final class AdminSession {

  private static final String ADMIN_ID = "admin_id";
  private static final String ADMIN_EMAIL = "admin_email";

  private AdminSession() {}

  static void signIn(RoutingContext rc, Principal admin, String email) {
    Session session = rc.session();
    // A new id on sign-in, so a session id planted before login is worth nothing after it.
    session.regenerateId();
    session.put(ADMIN_ID, admin.userId().toString());
    session.put(ADMIN_EMAIL, email);
  }

  static void signOut(RoutingContext rc) {
    if (rc.session() != null) {
      rc.session().destroy();
    }
  }

  /** The signed-in admin as a caller the orchestrator accepts, or null. */
  static Principal admin(RoutingContext rc) {
    Session session = rc.session();
    String id = session == null ? null : session.get(ADMIN_ID);
    return id == null
        ? null
        : new Principal(UUID.fromString(id), Principal.ADMIN, null, null, Map.of());
  }

  static String email(RoutingContext rc) {
    return rc.session() == null ? null : rc.session().get(ADMIN_EMAIL);
  }
}
