package io.synthos.auth;

import io.synthos.auth.ratelimit.LoginLockout;
import io.synthos.platform.http.ProblemException;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Registration, login and the caller's own account: the users table, behind its limits. */
final class Accounts {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Accounts.class);

  private static final String INSERT =
      "INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, $3, $4)"
          + " ON CONFLICT (email) DO NOTHING RETURNING id, email, name, role, created_at";
  private static final String BY_EMAIL =
      "SELECT id, email, name, role, created_at, password_hash FROM users WHERE email = $1";
  private static final String EXISTS = "SELECT 1 FROM users WHERE email = $1";
  private static final String BY_ID =
      "SELECT id, email, name, role, created_at FROM users WHERE id = $1";
  private static final String UPDATE_HASH = "UPDATE users SET password_hash = $2 WHERE id = $1";
  private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
  private static final int MAX_EMAIL = 254;
  private static final int MAX_NAME = 100;

  private final Pool pool;
  private final Passwords passwords;
  private final PasswordPolicy policy;
  private final TokenService tokens;
  private final Sessions sessions;
  private final AddressLimits addressLimits;
  private final LoginLockout lockout;
  private final Map<String, Future<Account>> registering = new HashMap<>();

  Accounts(
      Pool pool,
      Passwords passwords,
      PasswordPolicy policy,
      TokenService tokens,
      Sessions sessions,
      AddressLimits addressLimits,
      LoginLockout lockout) {
    this.pool = pool;
    this.passwords = passwords;
    this.policy = policy;
    this.tokens = tokens;
    this.sessions = sessions;
    this.addressLimits = addressLimits;
    this.lockout = lockout;
  }

  /** Lower-cased and trimmed: one mailbox, one account, however it is typed. */
  static String normalise(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  Future<Account> register(JsonObject request) {
    String email = normalise(request.getString("email"));
    String name = request.getString("name", "").strip();
    String password = request.getString("password", "");
    return addressLimits
        .register(request.getString("ip"))
        .compose(allowed -> validate(email, name, password))
        .compose(valid -> afterOthersFor(email, () -> create(email, name, password)));
  }

  /**
   * Runs the registrations of one email one after the other on this verticle. All but the first of
   * a burst then find the email taken with one query, instead of each spending a password hash
   * (tens of milliseconds of CPU) only to lose at the insert. The entry lives while the last of
   * them runs.
   */
  private Future<Account> afterOthersFor(String email, Supplier<Future<Account>> attempt) {
    Future<?> before = registering.getOrDefault(email, Future.succeededFuture());
    Future<Account> mine = before.transform(ignored -> attempt.get());
    registering.put(email, mine);
    mine.onComplete(ignored -> registering.remove(email, mine));
    return mine;
  }

  /** A taken email is refused before its password is hashed. */
  private Future<Account> create(String email, String name, String password) {
    return pool.preparedQuery(EXISTS)
        .execute(Tuple.of(email))
        .compose(
            found ->
                found.size() > 0
                    ? Future.failedFuture(emailTaken())
                    : insert(email, name, password));
  }

  /** The unique email still decides between racers on other nodes. */
  private Future<Account> insert(String email, String name, String password) {
    return passwords
        .hash(password)
        .compose(
            hash ->
                pool.preparedQuery(INSERT).execute(Tuple.of(UUID.randomUUID(), email, name, hash)))
        .compose(
            rows ->
                rows.size() == 1
                    ? Future.succeededFuture(Account.from(rows.iterator().next()))
                    : Future.failedFuture(emailTaken()));
  }

  private static ProblemException emailTaken() {
    return ProblemType.EMAIL_TAKEN.exception("An account with this email already exists.");
  }

  private Future<Void> validate(String email, String name, String password) {
    if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
      return Future.failedFuture(
          ProblemType.INVALID_EMAIL.exception("The email address is not valid."));
    }
    if (name.isEmpty()
        || name.length() > MAX_NAME
        || name.chars().anyMatch(Character::isISOControl)) {
      return Future.failedFuture(
          ProblemType.INVALID_NAME.exception("The name must be 1 to 100 printable characters."));
    }
    return acceptable(policy, password);
  }

  /** Fails with 400 {@code weak-password}, saying why, when the policy refuses the password. */
  static Future<Void> acceptable(PasswordPolicy policy, String password) {
    return policy
        .problem(password)
        .<Future<Void>>map(
            problem -> Future.failedFuture(ProblemType.WEAK_PASSWORD.exception(problem)))
        .orElseGet(Future::succeededFuture);
  }

  /** Checks the password; an unknown email costs the same time and answers the same 401. */
  Future<TokenPair> login(JsonObject request) {
    String email = normalise(request.getString("email"));
    String password = request.getString("password", "");
    return addressLimits
        .passwordCheck(request.getString("ip"))
        .compose(allowed -> lockout.lockedFor(email))
        .compose(
            locked ->
                locked.isZero()
                    ? pool.preparedQuery(BY_EMAIL).execute(Tuple.of(email))
                    : Future.failedFuture(lockedOut(locked)))
        .compose(
            rows ->
                rows.size() == 0
                    ? passwords.verifyNobody(password).compose(no -> failedLogin(email))
                    : check(rows.iterator().next(), password))
        .compose(
            row ->
                lockout
                    .recordSuccess(email)
                    .compose(cleared -> issuePair(row.getUUID("id"), row.getString("role"))));
  }

  private Future<Row> check(Row user, String password) {
    String hash = user.getString("password_hash");
    return passwords
        .verify(password, hash)
        .compose(
            matches -> {
              if (!matches) {
                return failedLogin(user.getString("email"));
              }
              if (passwords.needsRehash(hash)) {
                passwords
                    .hash(password)
                    .compose(
                        fresh ->
                            pool.preparedQuery(UPDATE_HASH)
                                .execute(Tuple.of(user.getUUID("id"), fresh)))
                    // Best effort: the login succeeds either way, the next one tries again.
                    .onFailure(
                        failure ->
                            log.warn("re-hashing a password failed: {}", failure.getMessage()));
              }
              return Future.succeededFuture(user);
            });
  }

  private <T> Future<T> failedLogin(String email) {
    return lockout
        .recordFailure(email)
        .compose(
            locked ->
                Future.failedFuture(
                    ProblemType.INVALID_CREDENTIALS.exception(
                        "The email or the password is wrong.")));
  }

  Future<TokenPair> issuePair(UUID userId, String role) {
    return sessions
        .start(userId)
        .compose(login -> issueAccess(userId, role, login.sessionId(), login.refreshToken()));
  }

  /** Pairs a fresh access token of the login {@code sessionId} with the given refresh token. */
  Future<TokenPair> issueAccess(UUID userId, String role, UUID sessionId, String refreshToken) {
    TokenService.IssuedToken access = tokens.issue(userId, role, sessionId);
    return Future.succeededFuture(
        new TokenPair(access.token(), refreshToken, access.expiresInSeconds()));
  }

  Future<Account> find(UUID userId) {
    return pool.preparedQuery(BY_ID)
        .execute(Tuple.of(userId))
        .compose(
            rows ->
                rows.size() == 1
                    ? Future.succeededFuture(Account.from(rows.iterator().next()))
                    : Future.failedFuture(TokenService.invalid()));
  }

  /**
   * Counts an anonymous call of {@code clientIp} to a public operation; answers the rate-limit
   * headers, or fails with 429 beyond the limit.
   */
  Future<Map<String, Object>> limitPublic(String clientIp) {
    return addressLimits
        .publicCall(clientIp)
        .map(decision -> Map.<String, Object>copyOf(decision.headers()));
  }

  static ProblemException tooMany(Map<String, String> headers) {
    return ProblemType.RATE_LIMITED.exception(
        "Too many requests; retry after the time in Retry-After.", headers);
  }

  static ProblemException lockedOut(Duration locked) {
    long seconds = Math.max(1, (locked.toMillis() + 999) / 1000);
    return ProblemType.ACCOUNT_LOCKED.exception(
        "Too many failed logins for this account; retry after the time in Retry-After.",
        Map.of("Retry-After", String.valueOf(seconds)));
  }
}
