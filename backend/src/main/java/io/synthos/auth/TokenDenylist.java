package io.synthos.auth;

import io.synthos.auth.ratelimit.LuaScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Access tokens revoked before they expire, kept in Redis so every node refuses them, and announced
 * on {@link #CHANNEL} to the nodes that hold the list in memory ({@link RevokedTokens}). An entry
 * names one token by its {@code jti} (logout), or a whole login by the {@code sid} every token of
 * that login carries (logout, a refresh token used twice, a password change). Both are random
 * UUIDs, so they share one list. Without a copy in memory, {@link BearerTokens} checks the marks in
 * the same round trip that counts the request.
 */
final class TokenDenylist {

  /** Where each revocation is published: the message is the {@code jti} or {@code sid}. */
  static final String CHANNEL = "synthos:deny";

  /** Added to the life of an access token wherever it bounds an entry, for clock skew. */
  static final Duration SKEW = Duration.ofMinutes(1);

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
  private final Duration loginEntryLife;

  /**
   * @param accessTtl the longest an access token lives: how long a login's tokens can outlive its
   *     end
   */
  TokenDenylist(RedisAPI redis, Duration accessTtl) {
    this.redis = redis;
    this.loginEntryLife = accessTtl.plus(SKEW);
  }

  /** Refuses the access token {@code tokenId} until it expires. */
  Future<Void> revoke(String tokenId, Instant expiresAt) {
    long millis = Duration.between(Instant.now(), expiresAt).toMillis();
    if (millis <= 0) {
      return Future.succeededFuture();
    }
    return REVOKE
        .run(redis, List.of(key(tokenId)), List.of(String.valueOf(millis), CHANNEL, tokenId))
        .mapEmpty();
  }

  /** Refuses every access token of the login {@code sessionId}, as long as one can live. */
  Future<Void> revokeLogin(UUID sessionId) {
    return revoke(sessionId.toString(), Instant.now().plus(loginEntryLife));
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
