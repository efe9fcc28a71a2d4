package io.synthos.auth;

import io.synthos.platform.http.ProblemException;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Logins and their refresh tokens. Each login starts a family, whose id is the {@code sid} of every
 * access token it issues; each refresh spends the presented token and issues the next one in the
 * same transaction. Ending a login revokes its family and denylists its {@code sid}, so its access
 * tokens are refused too. A spent token presented again means it leaked: its login ends.
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
          + " (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2)"
          + " RETURNING family_id";
  private static final String REVOKE_OTHERS =
      "UPDATE refresh_tokens SET revoked_at = now()"
          + " WHERE user_id = $1 AND revoked_at IS NULL AND family_id IS DISTINCT FROM $2"
          + " RETURNING family_id";

  private final Pool pool;
  private final int ttlDays;
  private final TokenDenylist denylist;

  Sessions(Pool pool, Duration ttl, TokenDenylist denylist) {
    this.pool = pool;
    this.ttlDays = (int) ttl.toDays();
    this.denylist = denylist;
  }

  /** Starts a new login for the user and returns its first refresh token. */
  Future<Login> start(UUID userId) {
    UUID sessionId = UUID.randomUUID();
    return insert(pool, userId, sessionId).map(token -> new Login(sessionId, token));
  }

  /**
   * Spends {@code presented} and returns the user, their role, the login and the next token of it.
   * Fails with {@link Reused} when the token was spent before (that login is now ended), and with a
   * 401 problem when it is not a live token at all.
   */
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
                          UUID sessionId = row.getUUID("family_id");
                          return insert(connection, userId, sessionId)
                              .map(
                                  next ->
                                      new Rotation(userId, row.getString("role"), sessionId, next));
                        }))
        .compose(rotation -> rotation != null ? Future.succeededFuture(rotation) : refuse(hash));
  }

  /**
   * Ends the login of {@code presented}, if that token belongs to {@code userId}; answers the
   * logins ended (none or one).
   */
  Future<List<UUID>> end(String presented, UUID userId) {
    return pool.preparedQuery(REVOKE_OWN_FAMILY)
        .execute(Tuple.of(Buffer.buffer(SecretTokens.sha256(presented)), userId))
        .map(Sessions::families)
        .compose(this::denylist);
  }

  /**
   * Revokes, within {@code transaction}, the refresh tokens of every login of the user but {@code
   * keep} (null keeps none); answers those logins, to {@link #denylist} once it commits.
   */
  Future<List<UUID>> revokeOthers(SqlClient transaction, UUID userId, UUID keep) {
    return transaction
        .preparedQuery(REVOKE_OTHERS)
        .execute(Tuple.of(userId, keep))
        .map(Sessions::families);
  }

  /** Refuses the access tokens of the logins whose refresh tokens were revoked; answers them. */
  Future<List<UUID>> denylist(List<UUID> ended) {
    return Future.all(ended.stream().map(denylist::revokeLogin).toList()).map(ended);
  }

  /** Not a live token: when it was spent before, it leaked, and its login ends. */
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
                  .compose(revoked -> denylist(List.of(family)))
                  .compose(ended -> Future.failedFuture(new Reused(family)));
            });
  }

  private static List<UUID> families(RowSet<Row> rows) {
    Set<UUID> families = new LinkedHashSet<>();
    rows.forEach(row -> families.add(row.getUUID("family_id")));
    return List.copyOf(families);
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

  /** The answer to a refresh token presented a second time. */
  static ProblemException reused() {
    return invalid(
        "The refresh token was already used; every session of that login is now revoked.");
  }

  private static ProblemException invalid(String detail) {
    return ProblemType.INVALID_REFRESH_TOKEN.exception(detail);
  }

  /** A new login: its id ({@code sid}) and its first refresh token. */
  record Login(UUID sessionId, String refreshToken) {}

  /** The outcome of a refresh: whose it was, their login and the token that replaces it. */
  record Rotation(UUID userId, String role, UUID sessionId, String nextToken) {}

  /** A spent refresh token presented again: the login {@code sessionId} has been ended. */
  static final class Reused extends RuntimeException {
    private final UUID sessionId;

    Reused(UUID sessionId) {
      super("refresh token reused", null, false, false);
      this.sessionId = sessionId;
    }

    UUID sessionId() {
      return sessionId;
    }
  }
}
