package io.synthos.auth;

import io.synthos.auth.ratelimit.RateLimiter;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * Turns the credential of a request into a {@link Principal}: a bearer access token (verified and
 * checked against the denylist) or an API key, then counts the request against the user's limit.
 */
final class Authenticator {

  private static final String BEARER = "bearer ";
  private static final String API_KEY = "apikey ";

  private final TokenService tokens;
  private final TokenDenylist denylist;
  private final ApiKeys apiKeys;
  private final RateLimiter limiter;
  private final int perUserPerMinute;

  Authenticator(
      TokenService tokens,
      TokenDenylist denylist,
      ApiKeys apiKeys,
      RateLimiter limiter,
      int perUserPerMinute) {
    this.tokens = tokens;
    this.denylist = denylist;
    this.apiKeys = apiKeys;
    this.limiter = limiter;
    this.perUserPerMinute = perUserPerMinute;
  }

  /**
   * @param authorization the {@code Authorization} header, or null
   * @param apiKey the {@code X-API-Key} header, or null
   */
  Future<Principal> authenticate(String authorization, String apiKey) {
    return identify(authorization, apiKey)
        .compose(
            principal ->
                limiter
                    .hit(
                        "user",
                        principal.userId().toString(),
                        perUserPerMinute,
                        Duration.ofMinutes(1))
                    .compose(
                        decision ->
                            decision.allowed()
                                ? Future.succeededFuture(
                                    principal.withRateHeaders(decision.headers()))
                                : Future.failedFuture(Accounts.tooMany(decision.headers()))));
  }

  private Future<Principal> identify(String authorization, String apiKey) {
    if (apiKey != null && !apiKey.isBlank()) {
      return apiKeys.authenticate(apiKey.strip());
    }
    if (authorization == null) {
      return Future.failedFuture(TokenService.invalid());
    }
    String lower = authorization.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith(BEARER)) {
      return tokens
          .verify(authorization.substring(BEARER.length()).strip())
          .compose(principal -> denylist.check(principal.tokenId()).map(principal));
    }
    if (lower.startsWith(API_KEY)) {
      return apiKeys.authenticate(authorization.substring(API_KEY.length()).strip());
    }
    return Future.failedFuture(TokenService.invalid());
  }
}
