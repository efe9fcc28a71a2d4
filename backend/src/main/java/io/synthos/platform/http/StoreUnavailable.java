package io.synthos.platform.http;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.Map;

/**
 * Recognises a failure that means PostgreSQL cannot be reached right now — refused or lost
 * connections, a server shutting down or out of connections, a pool whose waiting line is full — as
 * opposed to a query that is wrong. Callers answer the first with 503 and {@code Retry-After}: the
 * client may try again, and nothing was changed.
 */
public final class StoreUnavailable {

  private static final String POOL_TIMEOUT = "Timeout waiting for connection";

  private StoreUnavailable() {}

  public static boolean is(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException
          || cause instanceof ClosedConnectionException
          || cause instanceof ConnectionPoolTooBusyException) {
        return true;
      }
      // Vert.x's pool says it waited past its connection timeout only by this message.
      if (cause instanceof VertxException && POOL_TIMEOUT.equals(cause.getMessage())) {
        return true;
      }
      // SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator
      // intervention (shutdown, restart).
      if (cause instanceof PgException pg && pg.getSqlState() != null) {
        String sqlClass = pg.getSqlState().substring(0, 2);
        if (sqlClass.equals("08") || sqlClass.equals("53") || sqlClass.equals("57")) {
          return true;
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  public static ProblemException problem() {
    return ProblemType.STORE_UNAVAILABLE.exception(
        "The database is unavailable; nothing was changed. Try again shortly.",
        Map.of("Retry-After", "5"));
  }
}
