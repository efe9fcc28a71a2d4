package io.synthos.auth;

import io.synthos.auth.ratelimit.LoginLockout;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * A signed-in user changes their password: the current one is checked like a login's (the same
 * per-address limit and account lockout), the new one by the same policy, and once it is stored
 * every other login of the user ends, since one of them may be the reason for the change.
 */
final class PasswordChange {

  private static final String BY_ID = "SELECT email, password_hash FROM users WHERE id = $1";
  private static final String UPDATE_HASH = "UPDATE users SET password_hash = $2 WHERE id = $1";

  private final Pool pool;
  private final Passwords passwords;
  private final PasswordPolicy policy;
  private final Sessions sessions;
  private final AddressLimits addressLimits;
  private final LoginLockout lockout;

  PasswordChange(
      Pool pool,
      Passwords passwords,
      PasswordPolicy policy,
      Sessions sessions,
      AddressLimits addressLimits,
      LoginLockout lockout) {
    this.pool = pool;
    this.passwords = passwords;
    this.policy = policy;
    this.sessions = sessions;
    this.addressLimits = addressLimits;
    this.lockout = lockout;
  }

  /**
   * Replaces the password of {@code userId} and ends their logins but {@code keep} (the caller's,
   * null for none); answers the logins ended. Fails with 429 (limit, lockout), 400 {@code
   * weak-password} and 403 {@code wrong-password}, changing nothing.
   */
  Future<List<UUID>> change(
      UUID userId, UUID keep, String current, String replacement, String clientIp) {
    return addressLimits
        .passwordCheck(clientIp)
        .compose(allowed -> Accounts.acceptable(policy, replacement))
        .compose(acceptable -> pool.preparedQuery(BY_ID).execute(Tuple.of(userId)))
        .compose(
            rows ->
                rows.size() == 1
                    ? verify(rows.iterator().next(), current)
                    : Future.failedFuture(TokenService.invalid()))
        .compose(verified -> passwords.hash(replacement))
        .compose(
            hash ->
                pool.withTransaction(
                    transaction ->
                        transaction
                            .preparedQuery(UPDATE_HASH)
                            .execute(Tuple.of(userId, hash))
                            .compose(updated -> sessions.revokeOthers(transaction, userId, keep))))
        .compose(sessions::denylist);
  }

  private Future<Void> verify(Row user, String current) {
    String email = user.getString("email");
    return lockout
        .lockedFor(email)
        .compose(
            locked ->
                locked.isZero()
                    ? passwords.verify(current, user.getString("password_hash"))
                    : Future.failedFuture(Accounts.lockedOut(locked)))
        .compose(
            matches ->
                matches
                    ? lockout.recordSuccess(email)
                    : lockout.recordFailure(email).compose(counted -> wrongPassword()));
  }

  private static Future<Void> wrongPassword() {
    return Future.failedFuture(
        ProblemType.WRONG_PASSWORD.exception(
            "The current password is wrong; the password was not changed."));
  }
}
