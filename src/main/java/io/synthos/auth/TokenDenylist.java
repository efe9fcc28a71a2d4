package io.synthos.auth;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Access tokens revoked before they expire (logout), kept in Redis by {@code jti} until their own
 * expiry so every node refuses them. {@link BearerTokens} checks the mark in the same round trip
 * that counts the request.
 */
final class TokenDenylist {

  private static final String PREFIX = "synthos:deny:";

  private final RedisAPI redis;

  TokenDenylist(RedisAPI redis) {
    this.redis = redis;
  }

  Future<Void> revoke(String tokenId, Instant expiresAt) {
    long millis = Duration.between(Instant.now(), expiresAt).toMillis();
    if (millis <= 0) {
      return Future.succeededFuture();
    }
    return redis.set(List.of(key(tokenId), "1", "PX", String.valueOf(millis))).mapEmpty();
  }

  /** The Redis key that marks {@code tokenId} revoked; {@link BearerTokens} checks it. */
  static String key(String tokenId) {
    return PREFIX + tokenId;
  }
}
