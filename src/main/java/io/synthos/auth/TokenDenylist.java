package io.synthos.auth;

import io.synthos.platform.http.Problem;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access tokens revoked before they expire (logout), kept in Redis by {@code jti} until their own
 * expiry so every node refuses them.
 */
final class TokenDenylist {

  private static final Logger log = LoggerFactory.getLogger(TokenDenylist.class);
  private static final String PREFIX = "synthos:deny:";

  private final RedisAPI redis;
  private final boolean failOpen;

  TokenDenylist(RedisAPI redis, boolean failOpen) {
    this.redis = redis;
    this.failOpen = failOpen;
  }

  Future<Void> revoke(String tokenId, Instant expiresAt) {
    long millis = Duration.between(Instant.now(), expiresAt).toMillis();
    if (millis <= 0) {
      return Future.succeededFuture();
    }
    return redis.set(List.of(PREFIX + tokenId, "1", "PX", String.valueOf(millis))).mapEmpty();
  }

  /** Fails with 401 when the token was revoked; while Redis is down, follows the limits' policy. */
  Future<Void> check(String tokenId) {
    return redis
        .exists(List.of(PREFIX + tokenId))
        .transform(
            done -> {
              if (done.succeeded()) {
                return done.result().toInteger() == 0
                    ? Future.succeededFuture()
                    : Future.failedFuture(TokenService.invalid());
              }
              if (failOpen) {
                log.debug(
                    "revocation check skipped, Redis unavailable: {}", done.cause().getMessage());
                return Future.succeededFuture();
              }
              return Future.failedFuture(
                  Problem.of(
                          "auth-unavailable",
                          503,
                          "Service Unavailable",
                          "Token revocation cannot be checked right now; retry shortly.")
                      .exception());
            });
  }
}
