package io.synthos.auth;

import io.synthos.platform.Backoff;
import io.synthos.platform.config.SynthosConfig.Admin;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the account named by {@code ADMIN_USER} exists, is an admin and opens with {@code
 * ADMIN_PASSWORD}. Runs until it succeeds: the schema may still be migrating when auth starts.
 */
final class AdminBootstrap {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private static final String FIND = "SELECT id, password_hash FROM users WHERE email = $1";
  private static final String INSERT =
      "INSERT INTO users (id, email, name, password_hash, role) VALUES ($1, $2, $3, $4, 'admin')"
          + " ON CONFLICT (email) DO UPDATE SET role = 'admin', password_hash = EXCLUDED.password_hash";
  private static final String PROMOTE = "UPDATE users SET role = 'admin' WHERE id = $1";

  private final Vertx vertx;
  private final Pool pool;
  private final Passwords passwords;
  private final Admin admin;
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  private long timer = -1;
  private boolean stopped;

  AdminBootstrap(Vertx vertx, Pool pool, Passwords passwords, Admin admin) {
    this.vertx = vertx;
    this.pool = pool;
    this.passwords = passwords;
    this.admin = admin;
  }

  void start() {
    if (admin.password().isEmpty()) {
      log.info("no ADMIN_PASSWORD set: no admin account is bootstrapped");
      return;
    }
    attempt();
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  private void attempt() {
    String login = Accounts.normalise(admin.user());
    pool.preparedQuery(FIND)
        .execute(Tuple.of(login))
        .compose(
            rows ->
                rows.size() == 0
                    ? create(login)
                    : refresh(
                        rows.iterator().next().getUUID("id"),
                        rows.iterator().next().getString("password_hash")))
        .onSuccess(done -> log.info("admin account '{}' is ready", login))
        .onFailure(this::retryLater);
  }

  private Future<Void> create(String login) {
    return passwords
        .hash(admin.password().value())
        .compose(
            hash ->
                pool.preparedQuery(INSERT)
                    .execute(Tuple.of(UUID.randomUUID(), login, "Administrator", hash)))
        .mapEmpty();
  }

  /** An existing account keeps its id; its password follows ADMIN_PASSWORD when that changed. */
  private Future<Void> refresh(UUID id, String hash) {
    return passwords
        .verify(admin.password().value(), hash)
        .compose(
            same ->
                same
                    ? Future.succeededFuture()
                    : passwords
                        .hash(admin.password().value())
                        .compose(
                            fresh ->
                                pool.preparedQuery(
                                        "UPDATE users SET password_hash = $2 WHERE id = $1")
                                    .execute(Tuple.of(id, fresh)))
                        .mapEmpty())
        .compose(updated -> pool.preparedQuery(PROMOTE).execute(Tuple.of(id)))
        .mapEmpty();
  }

  private void retryLater(Throwable failure) {
    if (stopped) {
      return;
    }
    Duration wait = backoff.next();
    log.warn(
        "admin account not bootstrapped yet ({}); retrying in {} s",
        failure.getMessage(),
        wait.toSeconds());
    timer = vertx.setTimer(wait.toMillis(), id -> attempt());
  }
}
