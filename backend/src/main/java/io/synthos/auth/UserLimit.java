package io.synthos.auth;

import io.synthos.auth.ratelimit.RateDecision;
import io.vertx.core.Future;
import java.time.Duration;

/** The per-user request limit every authenticated call counts against. */
final class UserLimit {

  static final String BUCKET = "user";
  static final Duration WINDOW = Duration.ofMinutes(1);

  private UserLimit() {}

  /** The caller with the headers to send back, or a 429 when the window is used up. */
  static Future<Principal> admit(Principal principal, RateDecision decision) {
    return decision.allowed()
        ? Future.succeededFuture(principal.withRateHeaders(decision.headers()))
        : Future.failedFuture(Accounts.tooMany(decision.headers()));
  }
}
