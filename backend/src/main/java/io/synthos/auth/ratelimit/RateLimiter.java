package io.synthos.auth.ratelimit;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Fixed-window request limits counted in Redis, so every node sees the same counts; one atomic
 * script call per check.
 */
public final class RateLimiter {

  /** How long a check waits for Redis before the policy decides instead. */
  static final Duration REDIS_TIMEOUT = Duration.ofSeconds(1);

  // The first hit of a window starts its expiry; later hits never extend it (a fixed window).
  // PTTL < 0 repairs a counter left without expiry, which would otherwise block forever.
  private static final LuaScript HIT =
      new LuaScript(
          """
          local count = redis.call('INCR', KEYS[1])
          if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
          end
          return {count, redis.call('PTTL', KEYS[1])}
          """);

  // The same count (of the last key), unless any key before it exists (a revoked token, a revoked
  // login): then nothing is counted and -1 is answered, so a revoked token never spends its user's
  // quota. One round trip for both checks.
  private static final LuaScript HIT_UNLESS_PRESENT =
      new LuaScript(
          """
          local counter = KEYS[#KEYS]
          if redis.call('EXISTS', unpack(KEYS, 1, #KEYS - 1)) > 0 then return {-1, 0} end
          local count = redis.call('INCR', counter)
          if count == 1 or redis.call('PTTL', counter) < 0 then
            redis.call('PEXPIRE', counter, ARGV[1])
          end
          return {count, redis.call('PTTL', counter)}
          """);

  private final RedisAPI redis;
  private final RateLimitPolicy policy;
  private final OutageLog outages;

  public RateLimiter(RedisAPI redis, RateLimitPolicy policy) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.outages = new OutageLog(LoggerFactory.getLogger(RateLimiter.class), Clock.systemUTC());
  }

  /**
   * Counts one request of {@code subject} (an email, an IP, a user id) in {@code bucket} (e.g.
   * {@code "login-ip"}) against {@code limit} requests per {@code window}. Never fails: when Redis
   * cannot answer within {@link #REDIS_TIMEOUT}, the policy decides and the decision is marked
   * degraded.
   *
   * @throws IllegalArgumentException for a limit or window below 1, or a bucket containing ':'
   */
  public Future<RateDecision> hit(String bucket, String subject, int limit, Duration window) {
    if (limit < 1 || window.toMillis() < 1) {
      throw new IllegalArgumentException("limit and window must be positive");
    }
    String key = SubjectKeys.of(bucket, Objects.requireNonNull(subject, "subject"));
    return count(key, window)
        .map(counted -> counted.decision(limit))
        .otherwise(failure -> withoutRedis(bucket, limit, window, failure));
  }

  RateLimitPolicy policy() {
    return policy;
  }

  /** One request counted under {@code key}; fails when Redis cannot answer in time. */
  Future<Counted> count(String key, Duration window) {
    return HIT.run(redis, List.of(key), List.of(Long.toString(window.toMillis())))
        .timeout(REDIS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .map(Counted::of);
  }

  /**
   * As {@link #hit}, but when any of {@code blockingKeys} exists in Redis counts nothing and
   * answers empty. Never fails: without Redis the policy decides, as for {@link #hit}.
   *
   * @throws IllegalArgumentException as {@link #hit}, and for no blocking key
   */
  public Future<Optional<RateDecision>> hitUnlessPresent(
      List<String> blockingKeys, String bucket, String subject, int limit, Duration window) {
    if (limit < 1 || window.toMillis() < 1 || blockingKeys.isEmpty()) {
      throw new IllegalArgumentException("limit and window must be positive, with a blocking key");
    }
    String key = SubjectKeys.of(bucket, Objects.requireNonNull(subject, "subject"));
    List<String> keys = new ArrayList<>(blockingKeys);
    keys.add(key);
    return HIT_UNLESS_PRESENT
        .run(redis, keys, List.of(Long.toString(window.toMillis())))
        .timeout(REDIS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .map(
            reply ->
                reply.get(0).toLong() < 0
                    ? Optional.<RateDecision>empty()
                    : Optional.of(Counted.of(reply).decision(limit)))
        .otherwise(failure -> Optional.of(withoutRedis(bucket, limit, window, failure)));
  }

  /** A window's count after a request, and the time left in it. */
  record Counted(long count, Duration resetAfter) {

    /** From a script's {count, PTTL} answer. */
    static Counted of(Response reply) {
      return of(reply, 0);
    }

    static Counted of(Response reply, int at) {
      // PTTL is 0 in the window's last millisecond; a refusal still needs a positive retry.
      long ttl = Math.max(1, reply.get(at + 1).toLong());
      return new Counted(reply.get(at).toLong(), Duration.ofMillis(ttl));
    }

    RateDecision decision(int limit) {
      return RateDecision.counted(limit, count, resetAfter);
    }
  }

  RateDecision withoutRedis(String bucket, int limit, Duration window, Throwable failure) {
    outages.failed("rate limit '" + bucket + "'", policy, failure);
    return RateDecision.withoutRedis(policy, limit, window);
  }
}
