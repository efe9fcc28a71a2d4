package io.synthos.auth;

import io.synthos.auth.ratelimit.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Access tokens revoked before they expire (logout), kept in Redis by {@code jti} until their own
 * expiry so every node refuses them, and announced on {@link #CHANNEL} to the nodes that hold the
 * list in memory ({@link RevokedTokens}). Without such a copy, {@link BearerTokens} checks the mark
 * in the same round trip that counts the request.
 */
final class TokenDenylist {

  /** Where each revocation is published: the message is the token's {@code jti}. */
  static final String CHANNEL = "synthos:deny";

  private static final String PREFIX = "synthos:deny:";

  /** Every key of the list, for SCAN. */
  static final String KEY_PATTERN = PREFIX + "*";

  // Marked and announced in one step, so that no node can miss a mark that was made.
  private static final LuaScript REVOKE =
      new LuaScript(
          """
          redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
          redis.call('PUBLISH', ARGV[2], ARGV[3])
          return 1
          """);

  private final RedisAPI redis;

  TokenDenylist(RedisAPI redis) {
    this.redis = redis;
  }

  Future<Void> revoke(String tokenId, Instant expiresAt) {
    long millis = Duration.between(Instant.now(), expiresAt).toMillis();
    if (millis <= 0) {
      return Future.succeededFuture();
    }
    return REVOKE
        .run(redis, List.of(key(tokenId)), List.of(String.valueOf(millis), CHANNEL, tokenId))
        .mapEmpty();
  }

  /** The Redis key that marks {@code tokenId} revoked; {@link BearerTokens} checks it. */
  static String key(String tokenId) {
    return PREFIX + tokenId;
  }

  /** The {@code jti} a key of the list marks. */
  static String tokenId(String key) {
    return key.substring(PREFIX.length());
  }
}
