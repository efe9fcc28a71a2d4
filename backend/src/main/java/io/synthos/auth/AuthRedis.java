package io.synthos.auth;

import io.synthos.auth.ratelimit.RateLimitPolicy;
import io.synthos.platform.config.SynthosConfig;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/** How the auth code connects to Redis, and what it decides when Redis cannot answer. */
final class AuthRedis {

  private AuthRedis() {}

  /**
   * A client of at most {@code connections} connections; up to 1,024 calls wait for one, since the
   * default (24) would refuse a burst such as a wave of logins.
   */
  static Redis connect(Vertx vertx, SynthosConfig config, int connections) {
    return Redis.createClient(
        vertx,
        new RedisOptions()
            .setConnectionString(config.redis().url().value())
            .setMaxPoolSize(connections)
            .setMaxPoolWaiting(1024));
  }

  static RateLimitPolicy policy(SynthosConfig config) {
    return config.rateLimits().failOpen() ? RateLimitPolicy.FAIL_OPEN : RateLimitPolicy.FAIL_CLOSED;
  }
}
