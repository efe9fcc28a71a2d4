package io.synthos.auth;

import io.synthos.platform.bus.BusClient;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.http.PageRequest;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How the rest of Synthos asks the auth verticle for anything: typed calls over the event bus.
 * Failures come back as {@link ProblemException}s ready to send; an auth role that does not answer
 * is a 503.
 *
 * <p>A client made by {@link #checkingTokens} checks bearer access tokens itself, on its caller's
 * event loop: the same checks the auth verticle makes, against the same Redis, without a hop to the
 * verticle and back for every request. API keys, which live in the auth verticle's database, still
 * go to it.
 */
public final class AuthClient {

  private final BusClient bus;
  private final LocalTokenChecks tokens;

  /** A client that asks the auth verticle for everything. */
  public AuthClient(Vertx vertx) {
    this(vertx, null);
  }

  private AuthClient(Vertx vertx, LocalTokenChecks tokens) {
    // A login queued behind many password hashes is better refused with a 503 than kept waiting.
    this.bus = new BusClient(vertx, ProblemType.AUTH_UNAVAILABLE, "auth");
    this.tokens = tokens;
  }

  /**
   * A client that checks bearer tokens where it is used, with its own Redis connections; {@link
   * #close} it with the verticle that made it. A node that knows no Redis (its auth role runs on
   * another node, which started the embedded one) asks the auth verticle instead.
   */
  public static AuthClient checkingTokens(Vertx vertx, SynthosConfig config) {
    return config.redis().url().isEmpty()
        ? new AuthClient(vertx)
        : new AuthClient(vertx, new LocalTokenChecks(vertx, config));
  }

  /** Closes the Redis connections of a {@link #checkingTokens} client, after its last counts. */
  public Future<Void> close() {
    return tokens == null ? Future.succeededFuture() : tokens.close();
  }

  public Future<Account> register(String email, String password, String name, String clientIp) {
    JsonObject body =
        new JsonObject()
            .put("email", email)
            .put("password", password)
            .put("name", name)
            .put("ip", clientIp);
    return ask(AuthAddresses.REGISTER, body).map(Account::fromJson);
  }

  public Future<TokenPair> login(String email, String password, String clientIp) {
    return ask(
            AuthAddresses.LOGIN,
            new JsonObject().put("email", email).put("password", password).put("ip", clientIp))
        .map(TokenPair::fromJson);
  }

  /**
   * A new pair for a live refresh token. A spent one fails with 401, and the login it came from is
   * then refused on this node at once (on the others as the news arrives).
   */
  public Future<TokenPair> refresh(String refreshToken, String clientIp) {
    return ask(
            AuthAddresses.REFRESH,
            new JsonObject().put("refresh_token", refreshToken).put("ip", clientIp))
        .compose(
            reply ->
                reply.containsKey(AuthAddresses.REVOKED)
                    ? Future.failedFuture(refusedHere(reply, Sessions.reused()))
                    : Future.succeededFuture(TokenPair.fromJson(reply)));
  }

  /** Ends the login of the refresh token, and revokes the access token the caller used. */
  public Future<Void> logout(Principal caller, String refreshToken) {
    return ask(
            AuthAddresses.LOGOUT,
            new JsonObject().put("caller", caller.toJson()).put("refresh_token", refreshToken))
        .map(reply -> refusedHere(reply, null));
  }

  /**
   * Changes the caller's password (a login's: see {@link AccessRules}) and ends their other logins;
   * fails with 400 {@code weak-password}, 403 {@code wrong-password} or 429.
   */
  public Future<Void> changePassword(
      Principal caller, String currentPassword, String newPassword, String clientIp) {
    return ask(
            AuthAddresses.PASSWORD_CHANGE,
            new JsonObject()
                .put("caller", caller.toJson())
                .put("current_password", currentPassword)
                .put("new_password", newPassword)
                .put("ip", clientIp))
        .map(reply -> refusedHere(reply, null));
  }

  /**
   * What a reply says was revoked is refused on this node before the reply is answered, not when
   * the news arrives; answers {@code then}.
   */
  private <T> T refusedHere(JsonObject reply, T then) {
    if (tokens != null) {
      reply
          .getJsonArray(AuthAddresses.REVOKED, new JsonArray())
          .forEach(id -> tokens.revokedHere(String.valueOf(id)));
    }
    return then;
  }

  public Future<Account> account(UUID userId) {
    return ask(AuthAddresses.ACCOUNT, new JsonObject().put("user_id", userId.toString()))
        .map(Account::fromJson);
  }

  /**
   * Counts an anonymous call of {@code clientIp} to a public operation: answers the rate-limit
   * headers to send, or fails with a 429 problem.
   */
  public Future<Map<String, String>> limitPublic(String clientIp) {
    return ask(AuthAddresses.LIMIT_PUBLIC, new JsonObject().put("client_ip", clientIp))
        .map(
            headers -> {
              Map<String, String> out = new LinkedHashMap<>();
              headers.forEach(
                  header -> out.put(header.getKey(), String.valueOf(header.getValue())));
              return out;
            });
  }

  /**
   * Who sent these credentials (the {@code Authorization} and {@code X-API-Key} headers, either may
   * be null), counted against their rate limit; fails with 401, 429 or 503.
   */
  public Future<Principal> authenticate(String authorization, String apiKey) {
    return identify(authorization, apiKey);
  }

  /**
   * As {@link #authenticate(String, String)}, for a caller of an operation that asks {@code access}
   * of them (see {@link AccessRules}); fails besides with 403 when their credential may not call
   * it.
   */
  public Future<Principal> authenticate(String authorization, String apiKey, Access access) {
    return identify(authorization, apiKey).compose(access::admit);
  }

  private Future<Principal> identify(String authorization, String apiKey) {
    String bearer =
        apiKey == null || apiKey.isBlank() ? Authenticator.bearerToken(authorization) : null;
    if (tokens != null && bearer != null) {
      return tokens.authenticate(bearer);
    }
    return ask(
            AuthAddresses.AUTHENTICATE,
            new JsonObject().put("authorization", authorization).put("api_key", apiKey))
        .map(Principal::fromJson);
  }

  /**
   * The new key's fields, with {@code key} itself: the only time it is shown.
   *
   * @param scopes the names of the scopes it may use ({@link Scope}); null for every scope
   */
  public Future<JsonObject> createApiKey(UUID userId, String name, JsonArray scopes) {
    JsonObject body = new JsonObject().put("user_id", userId.toString()).put("name", name);
    if (scopes != null) {
      body.put("scopes", scopes);
    }
    return ask(AuthAddresses.API_KEYS_CREATE, body);
  }

  public Future<JsonObject> listApiKeys(UUID userId, PageRequest page) {
    return ask(
        AuthAddresses.API_KEYS_LIST,
        new JsonObject().put("user_id", userId.toString()).put("page", page.toJson()));
  }

  public Future<Void> revokeApiKey(Principal caller, UUID keyId) {
    return ask(
            AuthAddresses.API_KEYS_REVOKE,
            new JsonObject().put("caller", caller.toJson()).put("key_id", keyId.toString()))
        .mapEmpty();
  }

  private Future<JsonObject> ask(String address, JsonObject body) {
    return bus.ask(address, body);
  }
}
