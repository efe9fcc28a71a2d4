package io.synthos.auth;

import io.synthos.platform.http.PageRequest;
import io.synthos.platform.http.Problem;
import io.synthos.platform.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * How the rest of Synthos asks the auth verticle for anything: typed calls over the event bus.
 * Failures come back as {@link ProblemException}s ready to send; an auth role that does not answer
 * is a 503.
 */
public final class AuthClient {

  // A login queued behind many password hashes is better refused with a 503 than kept waiting.
  private static final DeliveryOptions DELIVERY = new DeliveryOptions().setSendTimeout(10_000);

  private final Vertx vertx;

  public AuthClient(Vertx vertx) {
    this.vertx = vertx;
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

  public Future<TokenPair> refresh(String refreshToken, String clientIp) {
    return ask(
            AuthAddresses.REFRESH,
            new JsonObject().put("refresh_token", refreshToken).put("ip", clientIp))
        .map(TokenPair::fromJson);
  }

  /** Revokes the refresh token's family and the access token the caller used. */
  public Future<Void> logout(Principal caller, String refreshToken) {
    return ask(
            AuthAddresses.LOGOUT,
            new JsonObject().put("caller", caller.toJson()).put("refresh_token", refreshToken))
        .mapEmpty();
  }

  public Future<Account> account(UUID userId) {
    return ask(AuthAddresses.ACCOUNT, new JsonObject().put("user_id", userId.toString()))
        .map(Account::fromJson);
  }

  /** Who sent these credentials, counted against their rate limit; fails with 401 or 429. */
  public Future<Principal> authenticate(String authorization, String apiKey) {
    return ask(
            AuthAddresses.AUTHENTICATE,
            new JsonObject().put("authorization", authorization).put("api_key", apiKey))
        .map(Principal::fromJson);
  }

  /** The new key's fields, with {@code key} itself: the only time it is shown. */
  public Future<JsonObject> createApiKey(UUID userId, String name) {
    return ask(
        AuthAddresses.API_KEYS_CREATE,
        new JsonObject().put("user_id", userId.toString()).put("name", name));
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
    return vertx
        .eventBus()
        .<JsonObject>request(address, body, DELIVERY)
        .map(reply -> reply.body())
        .recover(failure -> Future.failedFuture(translate(failure)));
  }

  private static Throwable translate(Throwable failure) {
    if (failure instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      ProblemException problem = ProblemException.fromJson(reply.getMessage());
      if (problem != null) {
        return problem;
      }
      return failure;
    }
    return Problem.of(
            "auth-unavailable",
            503,
            "Service Unavailable",
            "The auth service did not answer; retry shortly.")
        .exception();
  }
}
