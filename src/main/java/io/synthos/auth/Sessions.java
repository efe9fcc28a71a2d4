package io.synthos.auth;

import io.synthos.platform.http.Problem;
import io.synthos.platform.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.UUID;

/**
 * Refresh tokens. Each login starts a family; each refresh spends the presented token and issues
 * the next one in the same transaction. A spent token presented again means it leaked: the whole
 * family is revoked.
 */
final class Sessions {

  private static final String INSERT =
      "INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at)"
          + " VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))";
  private static final String SPEND =
      "UPDATE refresh_tokens SET spent_at = now()"
          + " WHERE token_hash = $1 AND spent_at IS NULL AND revoked_at IS NULL AND expires_at > now()"
          + " RETURNING user_id, family_id, (SELECT role FROM users WHERE users.id = user_id) AS role";
  private static final String FIND_SPENT =
      "SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND spent_at IS NOT NULL";
  private static final String REVOKE_FAMILY =
      "UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL";
  private static final String REVOKE_OWN_FAMILY =
      "UPDATE refresh_tokens SET revoked_at = now() WHERE revoked_at IS NULL AND family_id ="
          + " (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2)";

  private final Pool pool;
  private final int ttlDays;

  Sessions(Pool pool, Duration ttl) {
    this.pool = pool;
    this.ttlDays = (int) ttl.toDays();
  }

  /** Starts a new family for a fresh login and returns its first refresh token. */
  Future<String> start(UUID userId) {
    return insert(pool, userId, UUID.randomUUID());
  }

  /** Spends {@code presented} and returns the user, their role and the next token of the family. */
  Future<Rotation> rotate(String presented) {
    byte[] hash = SecretTokens.sha256(presented);
    return pool.withTransaction(
            connection ->
                connection
                    .preparedQuery(SPEND)
                    .execute(Tuple.of(Buffer.buffer(hash)))
                    .compose(
                        rows -> {
                          if (rows.size() == 0) {
                            return Future.succeededFuture((Rotation) null);
                          }
                          Row row = rows.iterator().next();
                          UUID userId = row.getUUID("user_id");
                          return insert(connection, userId, row.getUUID("family_id"))
                              .map(next -> new Rotation(userId, row.getString("role"), next));
                        }))
        .compose(rotation -> rotation != null ? Future.succeededFuture(rotation) : refuse(hash));
  }

  /** Revokes the family of {@code presented}, if that token belongs to {@code userId}. */
  Future<Void> revoke(String presented, UUID userId) {
    return pool.preparedQuery(REVOKE_OWN_FAMILY)
        .execute(Tuple.of(Buffer.buffer(SecretTokens.sha256(presented)), userId))
        .mapEmpty();
  }

  /** Not a live token: when it was spent before, it leaked, and its family is revoked. */
  private Future<Rotation> refuse(byte[] hash) {
    return pool.preparedQuery(FIND_SPENT)
        .execute(Tuple.of(Buffer.buffer(hash)))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(invalid("The refresh token is not valid."));
              }
              UUID family = rows.iterator().next().getUUID("family_id");
              return pool.preparedQuery(REVOKE_FAMILY)
                  .execute(Tuple.of(family))
                  .compose(
                      revoked ->
                          Future.failedFuture(
                              invalid(
                                  "The refresh token was already used; every session of that login is now revoked.")));
            });
  }

  private Future<String> insert(SqlClient client, UUID userId, UUID family) {
    String token = SecretTokens.generate("rt_");
    return client
        .preparedQuery(INSERT)
        .execute(
            Tuple.of(
                UUID.randomUUID(),
                userId,
                family,
                Buffer.buffer(SecretTokens.sha256(token)),
                ttlDays))
        .map(done -> token);
  }

  private static ProblemException invalid(String detail) {
    return Problem.of("invalid-refresh-token", 401, "Unauthorized", detail).exception();
  }

  /** The outcome of a refresh: whose it was and the token that replaces it. */
  record Rotation(UUID userId, String role, String nextToken) {}
}
