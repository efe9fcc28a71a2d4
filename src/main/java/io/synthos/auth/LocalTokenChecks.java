package io.synthos.auth;

import io.synthos.auth.ratelimit.RateLimiter;
import io.synthos.platform.config.SynthosConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;

/**
 * {@link BearerTokens} with a Redis client of their own, for a verticle that checks its callers'
 * tokens where their requests arrive instead of asking the auth verticle for each one.
 */
final class LocalTokenChecks {

  private final Redis redis;
  private final BearerTokens tokens;

  LocalTokenChecks(Vertx vertx, SynthosConfig config) {
    this.redis = AuthRedis.connect(vertx, config, 8);
    this.tokens =
        new BearerTokens(
            new TokenService(vertx, config.jwt()),
            new RateLimiter(RedisAPI.api(redis), AuthRedis.policy(config)),
            config.rateLimits().perUserPerMinute());
  }

  Future<Principal> authenticate(String token) {
    return tokens.authenticate(token);
  }

  void close() {
    redis.close();
  }
}
