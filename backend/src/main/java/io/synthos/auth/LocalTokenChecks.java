package io.synthos.auth;

import io.synthos.auth.ratelimit.BatchedLimiter;
import io.synthos.auth.ratelimit.RateLimiter;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.Clock;

/**
 * {@link BearerTokens} with Redis clients of their own, for a verticle that checks its callers'
 * tokens where their requests arrive instead of asking the auth verticle for each one. While its
 * copy of the denylist is ready, a check takes no round trip to Redis: revocations are known in
 * memory and requests are counted in batches.
 */
final class LocalTokenChecks {

  private final Redis redis;
  private final RevokedTokens revoked;
  private final BatchedLimiter counts;
  private final BearerTokens tokens;

  LocalTokenChecks(Vertx vertx, SynthosConfig config) {
    this.redis = AuthRedis.connect(vertx, config, 8);
    RedisAPI api = RedisAPI.api(redis);
    RateLimiter limiter = new RateLimiter(api, AuthRedis.policy(config));
    this.revoked =
        new RevokedTokens(
            vertx,
            AuthRedis.connect(vertx, config, 1),
            api,
            config.jwt().accessTtl().plus(TokenDenylist.SKEW),
            RevokedTokens.RELOAD_EVERY,
            Clock.systemUTC());
    this.counts = new BatchedLimiter(vertx, api, limiter, Clock.systemUTC());
    this.tokens =
        new BearerTokens(
            new TokenService(vertx, config.jwt()),
            limiter,
            config.rateLimits().perUserPerMinute(),
            revoked,
            counts,
            Metrics.of(vertx));
  }

  Future<Principal> authenticate(String token) {
    return tokens.authenticate(token);
  }

  /** A revocation answered (a token's {@code jti} or a login's {@code sid}): refused here now. */
  void revokedHere(String id) {
    revoked.revokedHere(id);
  }

  /** Sends what was counted, then closes the Redis clients. */
  Future<Void> close() {
    revoked.close();
    return counts.close().onComplete(done -> redis.close());
  }
}
