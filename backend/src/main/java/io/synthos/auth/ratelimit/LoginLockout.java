package io.synthos.auth.ratelimit;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** Locks an account for a growing time after repeated failed logins, shared by every node. */
public final class LoginLockout {

  // One atomic step: count the failure, keep the count while failures continue, and from the
  // threshold on set a lock that doubles with each further failure, up to the cap.
  private static final LuaScript FAILURE =
      new LuaScript(
          """
          local failures = redis.call('INCR', KEYS[1])
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          local threshold = tonumber(ARGV[2])
          if failures < threshold then return 0 end
          local lock = math.min(tonumber(ARGV[3]) * 2 ^ (failures - threshold), tonumber(ARGV[4]))
          lock = math.floor(lock)
          redis.call('SET', KEYS[2], '1', 'PX', lock)
          return lock
          """);

  private final RedisAPI redis;
  private final LockoutSettings settings;
  private final RateLimitPolicy policy;
  private final OutageLog outages;

  public LoginLockout(RedisAPI redis, RateLimitPolicy policy) {
    this(redis, LockoutSettings.DEFAULTS, policy);
  }

  public LoginLockout(RedisAPI redis, LockoutSettings settings, RateLimitPolicy policy) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.outages = new OutageLog(LoggerFactory.getLogger(LoginLockout.class), Clock.systemUTC());
  }

  /** How long the account stays locked; zero when it is not. */
  public Future<Duration> lockedFor(String email) {
    return withTimeout(redis.pttl(lockKey(email)))
        .map(reply -> Duration.ofMillis(Math.max(0, reply.toLong())))
        .otherwise(failure -> withoutRedis("lockout check", failure));
  }

  /** Counts a failed login; returns the lock this failure set, zero when none. */
  public Future<Duration> recordFailure(String email) {
    List<String> keys = List.of(failuresKey(email), lockKey(email));
    List<String> args =
        List.of(
            Long.toString(settings.failureMemory().toMillis()),
            Integer.toString(settings.threshold()),
            Long.toString(settings.baseLock().toMillis()),
            Long.toString(settings.maxLock().toMillis()));
    return withTimeout(FAILURE.run(redis, keys, args))
        .map(reply -> Duration.ofMillis(reply.toLong()))
        .otherwise(failure -> withoutRedis("lockout failure count", failure));
  }

  /**
   * Clears the failures and any lock. Succeeds even when Redis cannot answer, under either policy:
   * the login has already succeeded, and the stale count expires on its own.
   */
  public Future<Void> recordSuccess(String email) {
    return withTimeout(redis.del(List.of(failuresKey(email), lockKey(email))))
        .<Void>mapEmpty()
        .otherwise(
            failure -> {
              outages.failed("lockout reset", policy, failure);
              return null;
            });
  }

  private static <T> Future<T> withTimeout(Future<T> reply) {
    return reply.timeout(RateLimiter.REDIS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Duration withoutRedis(String operation, Throwable failure) {
    outages.failed(operation, policy, failure);
    return policy == RateLimitPolicy.FAIL_OPEN ? Duration.ZERO : RateLimitPolicy.CLOSED_RETRY;
  }

  // Accounts store emails trimmed and lower-cased (users_email_normalised); the lockout must key
  // the same way, or changing the case of an email would be a way around it.
  private static String failuresKey(String email) {
    return SubjectKeys.of("login-failures", normalized(email));
  }

  private static String lockKey(String email) {
    return SubjectKeys.of("login-lock", normalized(email));
  }

  private static String normalized(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }
}
