package io.synthos.auth;

import io.micrometer.core.instrument.Counter;
import io.synthos.auth.ratelimit.BatchedLimiter;
import io.synthos.auth.ratelimit.RateDecision;
import io.synthos.auth.ratelimit.RateLimiter;
import io.synthos.platform.http.ProblemType;
import io.synthos.platform.metrics.Metrics;
import io.vertx.core.Future;
import java.util.List;

/**
 * Checks a bearer access token: its signature and claims, that neither it nor its login was
 * revoked, and counts the request against its user's limit. Nothing here needs the auth verticle's
 * database, so it runs on the event loop where the request arrived.
 *
 * <p>Made with a {@link RevokedTokens} copy of the denylist and a {@link BatchedLimiter}, a check
 * takes no round trip to Redis while the copy is ready. Otherwise the last two checks take one
 * round trip together.
 */
final class BearerTokens {

  private final TokenService tokens;
  private final RateLimiter limiter;
  private final int perUserPerMinute;
  private final RevokedTokens revoked;
  private final BatchedLimiter counts;
  // How many checks took the path without Redis: a node whose copy is never ready shows here.
  private final Counter checkedInMemory;
  private final Counter checkedInRedis;

  /** Checks that ask Redis on every request. */
  BearerTokens(TokenService tokens, RateLimiter limiter, int perUserPerMinute, Metrics metrics) {
    this(tokens, limiter, perUserPerMinute, null, null, metrics);
  }

  /** Checks against the denylist in memory and counts in batches while {@code revoked} is ready. */
  BearerTokens(
      TokenService tokens,
      RateLimiter limiter,
      int perUserPerMinute,
      RevokedTokens revoked,
      BatchedLimiter counts,
      Metrics metrics) {
    this.tokens = tokens;
    this.limiter = limiter;
    this.perUserPerMinute = perUserPerMinute;
    this.revoked = revoked;
    this.counts = counts;
    this.checkedInMemory = metrics.counter(Metrics.AUTH_TOKEN_CHECKS, "checked", "memory");
    this.checkedInRedis = metrics.counter(Metrics.AUTH_TOKEN_CHECKS, "checked", "redis");
  }

  /** The caller, with their rate-limit headers; fails with 401 (invalid, revoked), 429 or 503. */
  Future<Principal> authenticate(String token) {
    return tokens
        .verify(token)
        .compose(
            principal ->
                revoked != null && revoked.ready() ? inMemory(principal) : inRedis(principal));
  }

  private Future<Principal> inMemory(Principal principal) {
    checkedInMemory.increment();
    if (revoked.revoked(principal.tokenId())
        || (principal.sessionId() != null && revoked.revoked(principal.sessionId()))) {
      return Future.failedFuture(TokenService.invalid());
    }
    return counts
        .hit(UserLimit.BUCKET, principal.userId().toString(), perUserPerMinute, UserLimit.WINDOW)
        .compose(decision -> admit(principal, decision));
  }

  private Future<Principal> inRedis(Principal principal) {
    checkedInRedis.increment();
    return limiter
        .hitUnlessPresent(
            denylistKeys(principal),
            UserLimit.BUCKET,
            principal.userId().toString(),
            perUserPerMinute,
            UserLimit.WINDOW)
        .compose(
            decision ->
                decision.isEmpty()
                    ? Future.failedFuture(TokenService.invalid())
                    : admit(principal, decision.get()));
  }

  /** The marks that refuse this token: its own, and its login's when it names one. */
  private static List<String> denylistKeys(Principal principal) {
    String token = TokenDenylist.key(principal.tokenId());
    return principal.sessionId() == null
        ? List.of(token)
        : List.of(token, TokenDenylist.key(principal.sessionId()));
  }

  /**
   * A decision made without Redis that refuses (the limits fail closed) is a 503: the revocation
   * could not be checked either, and a 429 would blame the caller.
   */
  private static Future<Principal> admit(Principal principal, RateDecision decision) {
    if (decision.degraded() && !decision.allowed()) {
      return Future.failedFuture(
          ProblemType.AUTH_UNAVAILABLE.exception(
              "Token revocation cannot be checked right now; retry shortly."));
    }
    return UserLimit.admit(principal, decision);
  }
}
