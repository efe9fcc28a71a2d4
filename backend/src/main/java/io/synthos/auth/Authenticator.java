package io.synthos.auth;

import io.synthos.auth.ratelimit.RateLimiter;
import io.vertx.core.Future;
import java.util.Locale;

/**
 * Turns the credential of a request into a {@link Principal}: a bearer access token ({@link
 * BearerTokens}) or an API key, counted against the user's limit.
 */
final class Authenticator {

  private static final String BEARER = "bearer ";
  private static final String API_KEY = "apikey ";

  private final BearerTokens bearerTokens;
  private final ApiKeys apiKeys;
  private final RateLimiter limiter;
  private final int perUserPerMinute;

  Authenticator(
      BearerTokens bearerTokens, ApiKeys apiKeys, RateLimiter limiter, int perUserPerMinute) {
    this.bearerTokens = bearerTokens;
    this.apiKeys = apiKeys;
    this.limiter = limiter;
    this.perUserPerMinute = perUserPerMinute;
  }

  /** The bearer token of an {@code Authorization} header; null when it holds none. */
  static String bearerToken(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return authorization.substring(BEARER.length()).strip();
  }

  /**
   * @param authorization the {@code Authorization} header, or null
   * @param apiKey the {@code X-API-Key} header, or null
   */
  Future<Principal> authenticate(String authorization, String apiKey) {
    if (apiKey != null && !apiKey.isBlank()) {
      return byApiKey(apiKey.strip());
    }
    String token = bearerToken(authorization);
    if (token != null) {
      return bearerTokens.authenticate(token);
    }
    if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(API_KEY)) {
      return byApiKey(authorization.substring(API_KEY.length()).strip());
    }
    return Future.failedFuture(TokenService.invalid());
  }

  private Future<Principal> byApiKey(String key) {
    return apiKeys
        .authenticate(key)
        .compose(
            principal ->
                limiter
                    .hit(
                        UserLimit.BUCKET,
                        principal.userId().toString(),
                        perUserPerMinute,
                        UserLimit.WINDOW)
                    .compose(decision -> UserLimit.admit(principal, decision)));
  }
}
