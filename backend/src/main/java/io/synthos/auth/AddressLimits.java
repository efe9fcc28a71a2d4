package io.synthos.auth;

import io.synthos.auth.ratelimit.RateDecision;
import io.synthos.auth.ratelimit.RateLimiter;
import io.synthos.platform.config.SynthosConfig.RateLimits;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * The limits per client address on what anyone may try without a credential, or to guess one:
 * registrations, password checks (logins and password changes) and public operations. Each answers
 * the decision, or fails with 429 beyond its limit.
 */
final class AddressLimits {

  private final RateLimiter limiter;
  private final RateLimits limits;

  AddressLimits(RateLimiter limiter, RateLimits limits) {
    this.limiter = limiter;
    this.limits = limits;
  }

  Future<RateDecision> register(String clientIp) {
    return limit("register-ip", clientIp, limits.registerPerIpPerHour(), Duration.ofHours(1));
  }

  /** A login, or any other check of a password. */
  Future<RateDecision> passwordCheck(String clientIp) {
    return limit("login-ip", clientIp, limits.loginPerIpPerMinute(), Duration.ofMinutes(1));
  }

  Future<RateDecision> publicCall(String clientIp) {
    return limit("public-ip", clientIp, limits.publicPerIpPerMinute(), Duration.ofMinutes(1));
  }

  private Future<RateDecision> limit(String bucket, String subject, int limit, Duration window) {
    return limiter
        .hit(bucket, subject == null ? "unknown" : subject, limit, window)
        .compose(
            decision ->
                decision.allowed()
                    ? Future.succeededFuture(decision)
                    : Future.failedFuture(Accounts.tooMany(decision.headers())));
  }
}
