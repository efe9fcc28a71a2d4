package io.synthos.auth;

import io.synthos.auth.ratelimit.LoginLockout;
import io.synthos.auth.ratelimit.RateLimitPolicy;
import io.synthos.auth.ratelimit.RateLimiter;
import io.synthos.platform.bus.BusService;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.health.CheckReport;
import io.synthos.platform.health.HealthRequest;
import io.synthos.platform.http.PageRequest;
import io.synthos.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auth verticle: owns users, refresh tokens and API keys (PostgreSQL) and the rate limits and
 * token denylist (Redis). Others reach it over the event bus through {@link AuthClient}.
 */
public final class AuthVerticle extends VerticleBase {

  /** The name of the readiness check this verticle answers on {@link AuthAddresses#HEALTH}. */
  public static final String REDIS_CHECK = "redis";

  private static final Logger log = LoggerFactory.getLogger(AuthVerticle.class);

  private final SynthosConfig config;
  private Pool pool;
  private Redis redis;
  private RedisAPI redisApi;
  private WorkerExecutor hashing;
  private AdminBootstrap bootstrap;
  private Accounts accounts;
  private Sessions sessions;
  private ApiKeys apiKeys;
  private Authenticator authenticator;
  private TokenDenylist denylist;
  private PasswordChange passwordChange;

  public AuthVerticle(SynthosConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    pool =
        PgSettings.fromUrl(config.database().url())
            .pool(vertx, "synthos-auth", config.database().poolSize());
    redis = AuthRedis.connect(vertx, config, 16);
    redisApi = RedisAPI.api(redis);
    hashing =
        vertx.createSharedWorkerExecutor(
            "synthos-password-hashing", Math.max(2, Runtime.getRuntime().availableProcessors()));
    RateLimitPolicy policy = AuthRedis.policy(config);
    RateLimiter limiter = new RateLimiter(redisApi, policy);
    Passwords passwords = new Passwords(new PasswordHasher(Argon2Settings.OWASP), hashing);
    TokenService tokens = new TokenService(vertx, config.jwt());
    denylist = new TokenDenylist(redisApi, config.jwt().accessTtl());
    sessions = new Sessions(pool, config.jwt().refreshTtl(), denylist);
    apiKeys = new ApiKeys(pool);
    AddressLimits addressLimits = new AddressLimits(limiter, config.rateLimits());
    LoginLockout lockout = new LoginLockout(redisApi, policy);
    accounts =
        new Accounts(
            pool, passwords, PasswordPolicy.bundled(), tokens, sessions, addressLimits, lockout);
    passwordChange =
        new PasswordChange(
            pool, passwords, PasswordPolicy.bundled(), sessions, addressLimits, lockout);
    authenticator =
        new Authenticator(
            new BearerTokens(
                tokens, limiter, config.rateLimits().perUserPerMinute(), Metrics.of(vertx)),
            apiKeys,
            limiter,
            config.rateLimits().perUserPerMinute());
    bootstrap = new AdminBootstrap(vertx, pool, passwords, config.admin());
    bootstrap.start();

    List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
    consumers.add(
        serve(AuthAddresses.REGISTER, body -> accounts.register(body).map(Account::toJson)));
    consumers.add(serve(AuthAddresses.LOGIN, body -> accounts.login(body).map(TokenPair::toJson)));
    consumers.add(serve(AuthAddresses.REFRESH, this::refresh));
    consumers.add(serve(AuthAddresses.LOGOUT, this::logout));
    consumers.add(serve(AuthAddresses.PASSWORD_CHANGE, this::changePassword));
    consumers.add(
        serve(AuthAddresses.ACCOUNT, body -> accounts.find(userId(body)).map(Account::toJson)));
    consumers.add(
        serve(
            AuthAddresses.AUTHENTICATE,
            body ->
                authenticator
                    .authenticate(body.getString("authorization"), body.getString("api_key"))
                    .map(Principal::toJson)));
    consumers.add(
        serve(
            AuthAddresses.API_KEYS_CREATE,
            body -> apiKeys.create(userId(body), body.getString("name", ""), scopes(body))));
    consumers.add(
        serve(
            AuthAddresses.API_KEYS_LIST,
            body ->
                apiKeys.list(
                    userId(body),
                    PageRequest.fromJson(body.getJsonObject("page", new JsonObject())))));
    consumers.add(
        serve(
            AuthAddresses.API_KEYS_REVOKE,
            body ->
                apiKeys
                    .revoke(
                        UUID.fromString(body.getString("key_id")),
                        Principal.fromJson(body.getJsonObject("caller")))
                    .map(new JsonObject())));
    consumers.add(
        serve(
            AuthAddresses.LIMIT_PUBLIC,
            body -> accounts.limitPublic(body.getString("client_ip")).map(JsonObject::new)));
    consumers.add(vertx.eventBus().consumer(AuthAddresses.HEALTH, this::answerHealth));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  /**
   * A token pair; or, for a spent refresh token, the login it ended ({@code revoked}) without
   * tokens, so that the asking node refuses that login before it answers 401.
   */
  private Future<JsonObject> refresh(JsonObject body) {
    return sessions
        .rotate(body.getString("refresh_token", ""))
        .compose(
            rotation ->
                accounts.issueAccess(
                    rotation.userId(), rotation.role(), rotation.sessionId(), rotation.nextToken()))
        .map(TokenPair::toJson)
        .recover(
            failure ->
                failure instanceof Sessions.Reused reused
                    ? Future.succeededFuture(revoked(List.of(reused.sessionId().toString())))
                    : Future.failedFuture(failure));
  }

  /** Ends the login of the refresh token sent, and refuses the access token the caller used. */
  private Future<JsonObject> logout(JsonObject body) {
    Principal caller = Principal.fromJson(body.getJsonObject("caller"));
    Future<List<String>> access =
        caller.tokenId() == null
            ? Future.succeededFuture(List.of())
            : denylist
                .revoke(caller.tokenId(), caller.expiresAt())
                .map(done -> List.of(caller.tokenId()));
    Future<List<UUID>> login = sessions.end(body.getString("refresh_token", ""), caller.userId());
    return Future.all(access, login)
        .map(
            done -> {
              List<String> ids = new ArrayList<>(access.result());
              login.result().forEach(ended -> ids.add(ended.toString()));
              return revoked(ids);
            });
  }

  /** Changes the caller's password and ends their other logins. */
  private Future<JsonObject> changePassword(JsonObject body) {
    Principal caller = Principal.fromJson(body.getJsonObject("caller"));
    return passwordChange
        .change(
            caller.userId(),
            caller.sessionId() == null ? null : UUID.fromString(caller.sessionId()),
            body.getString("current_password", ""),
            body.getString("new_password", ""),
            body.getString("ip"))
        .map(ended -> revoked(ended.stream().map(UUID::toString).toList()));
  }

  /** A reply naming what was denylisted (tokens' {@code jti}, logins' {@code sid}). */
  private static JsonObject revoked(List<String> ids) {
    return new JsonObject().put(AuthAddresses.REVOKED, new JsonArray(ids));
  }

  /** The scopes a new API key asks for; every scope when it names none. */
  private static Set<Scope> scopes(JsonObject body) {
    JsonArray names = body.getJsonArray("scopes");
    if (names == null) {
      return Scope.ALL;
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    names.forEach(name -> scopes.add(Scope.of(String.valueOf(name))));
    return scopes;
  }

  private static UUID userId(JsonObject body) {
    return UUID.fromString(body.getString("user_id"));
  }

  private MessageConsumer<JsonObject> serve(
      String address, Function<JsonObject, Future<JsonObject>> operation) {
    return BusService.serve(vertx, address, operation);
  }

  private void answerHealth(Message<JsonObject> message) {
    String check = HealthRequest.checkName(message.body());
    if (!REDIS_CHECK.equals(check)) {
      message.fail(400, "auth has no check named '" + check + "'");
      return;
    }
    redisApi
        .ping(List.of())
        .map(pong -> CheckReport.up(new JsonObject().put("reply", pong.toString())))
        .otherwise(this::redisDown)
        .onSuccess(report -> message.reply(report.toJson()));
  }

  /** Failing open, the API still serves without Redis: ready, but degraded. */
  private CheckReport redisDown(Throwable failure) {
    String reason = "Redis: " + failure.getMessage();
    if (config.rateLimits().failOpen()) {
      return CheckReport.up(
          new JsonObject()
              .put("degraded", true)
              .put("reason", reason)
              .put("rate_limits", "not enforced (fail open)"));
    }
    return CheckReport.down(reason);
  }

  @Override
  public Future<?> stop() {
    bootstrap.stop();
    redis.close();
    return Future.join(pool.close(), hashing.close());
  }
}
