package io.synthos.auth.ratelimit;

import static io.synthos.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.platform.FreePort;
import io.synthos.testing.TestInfra;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Against the real Redis; a second Vert.x instance stands for another node. */
@ExtendWith(VertxExtension.class)
@DisplayName("The batched rate limiter")
class BatchedLimiterTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  // Flushes only when a test says so, except in the test of the timer.
  private static final Duration HOUR = Duration.ofHours(1);

  private final String bucket = "test-" + UUID.randomUUID();
  private final String subject = UUID.randomUUID().toString();
  private final String key = SubjectKeys.of(bucket, subject);
  private final List<BatchedLimiter> limiters = new ArrayList<>();
  private final List<Redis> clients = new ArrayList<>();
  private RedisAPI redis;

  @BeforeEach
  void connect(Vertx vertx) {
    redis = api(vertx, TestInfra.get().redisUrl());
  }

  @AfterEach
  void close() throws Exception {
    for (BatchedLimiter limiter : limiters) {
      await(limiter.close());
    }
    clients.forEach(Redis::close);
  }

  @Test
  @DisplayName("counts a window's first request in Redis, the others here until they are flushed")
  void countsHereUntilFlushed(Vertx vertx) throws Exception {
    BatchedLimiter limiter = limiter(vertx, redis, RateLimitPolicy.FAIL_CLOSED);

    List<Integer> remaining = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      remaining.add(await(limiter.hit(bucket, subject, 100, MINUTE)).remaining());
    }
    long inRedisBefore = countInRedis();
    await(limiter.flush());

    assertThat(remaining).containsExactly(99, 98, 97, 96, 95, 94, 93, 92, 91, 90);
    assertThat(inRedisBefore).isEqualTo(1);
    assertThat(countInRedis()).isEqualTo(10);
    assertThat(ttlInRedis()).isBetween(1L, MINUTE.toMillis());
  }

  @Test
  @DisplayName("flushes on its own every 100 ms")
  void flushesOnItsOwn(Vertx vertx) throws Exception {
    BatchedLimiter limiter =
        new BatchedLimiter(
            vertx, redis, new RateLimiter(redis, RateLimitPolicy.FAIL_CLOSED), Clock.systemUTC());
    limiters.add(limiter);
    for (int i = 0; i < 5; i++) {
      await(limiter.hit(bucket, subject, 100, MINUTE));
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> countInRedis() == 5);
  }

  @Test
  @DisplayName("is exact on one node: its limiters share the counts, the limit + 1st is refused")
  void exactOnOneNode(Vertx vertx) throws Exception {
    BatchedLimiter first = limiter(vertx, redis, RateLimitPolicy.FAIL_CLOSED);
    BatchedLimiter second = limiter(vertx, redis, RateLimitPolicy.FAIL_CLOSED);

    List<Boolean> allowed = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      allowed.add(await((i % 2 == 0 ? first : second).hit(bucket, subject, 5, MINUTE)).allowed());
    }
    RateDecision refused = await(first.hit(bucket, subject, 5, MINUTE));

    assertThat(allowed).containsExactly(true, true, true, true, true, false);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(MINUTE);
  }

  @Test
  @DisplayName("learns at each flush what the other nodes counted")
  void learnsOtherNodesCounts(Vertx vertx) throws Exception {
    Vertx otherNode = Vertx.vertx();
    try {
      BatchedLimiter here = limiter(vertx, redis, RateLimitPolicy.FAIL_CLOSED);
      BatchedLimiter there =
          limiter(
              otherNode, api(otherNode, TestInfra.get().redisUrl()), RateLimitPolicy.FAIL_CLOSED);
      await(here.hit(bucket, subject, 100, MINUTE));
      for (int i = 0; i < 4; i++) {
        await(there.hit(bucket, subject, 100, MINUTE));
      }
      await(there.flush());
      await(there.close());
      limiters.remove(there);

      await(here.hit(bucket, subject, 100, MINUTE));
      await(here.flush());

      // 1 + 4 + 1 were counted; the seventh request is told so.
      assertThat(await(here.hit(bucket, subject, 100, MINUTE)).remaining()).isEqualTo(100 - 7);
    } finally {
      await(otherNode.close());
    }
  }

  @Test
  @DisplayName("forgets its windows when a flush fails, and asks Redis again")
  void forgetsWhenAFlushFails(Vertx vertx) throws Exception {
    RedisAPI unreachable = api(vertx, "redis://127.0.0.1:" + FreePort.find());
    BatchedLimiter limiter =
        new BatchedLimiter(
            vertx,
            unreachable,
            new RateLimiter(redis, RateLimitPolicy.FAIL_CLOSED),
            HOUR,
            Clock.systemUTC());
    limiters.add(limiter);
    await(limiter.hit(bucket, subject, 100, MINUTE));
    await(limiter.hit(bucket, subject, 100, MINUTE));

    await(limiter.flush().otherwiseEmpty());
    RateDecision afterwards = await(limiter.hit(bucket, subject, 100, MINUTE));

    // The second request never reached Redis; the third did, as the window's second (counted
    // here, it would have been the third: 97 left).
    assertThat(afterwards.remaining()).isEqualTo(98);
    await().atMost(Duration.ofSeconds(5)).until(() -> countInRedis() == 2);
  }

  @Test
  @DisplayName("asks Redis again once a window has ended")
  void newWindow(Vertx vertx) throws Exception {
    BatchedLimiter limiter = limiter(vertx, redis, RateLimitPolicy.FAIL_CLOSED);
    Duration short_ = Duration.ofMillis(300);
    await(limiter.hit(bucket, subject, 100, short_));
    await(limiter.hit(bucket, subject, 100, short_));
    await().atMost(Duration.ofSeconds(5)).until(() -> countInRedis() == 0);

    RateDecision next = await(limiter.hit(bucket, subject, 100, short_));

    assertThat(next.remaining()).isEqualTo(99);
    assertThat(countInRedis()).isEqualTo(1);
  }

  @Test
  @DisplayName("without Redis, the policy decides, marked degraded")
  void withoutRedis(Vertx vertx) throws Exception {
    RedisAPI unreachable = api(vertx, "redis://127.0.0.1:" + FreePort.find());

    RateDecision closed =
        await(
            limiter(vertx, unreachable, RateLimitPolicy.FAIL_CLOSED)
                .hit(bucket, subject, 5, MINUTE));
    RateDecision open =
        await(
            limiter(vertx, unreachable, RateLimitPolicy.FAIL_OPEN).hit(bucket, subject, 5, MINUTE));

    assertThat(closed.allowed()).isFalse();
    assertThat(closed.degraded()).isTrue();
    assertThat(open.allowed()).isTrue();
    assertThat(open.degraded()).isTrue();
  }

  private BatchedLimiter limiter(Vertx vertx, RedisAPI api, RateLimitPolicy policy) {
    BatchedLimiter limiter =
        new BatchedLimiter(vertx, api, new RateLimiter(api, policy), HOUR, Clock.systemUTC());
    limiters.add(limiter);
    return limiter;
  }

  private RedisAPI api(Vertx vertx, String url) {
    Redis client = Redis.createClient(vertx, url);
    clients.add(client);
    return RedisAPI.api(client);
  }

  private long countInRedis() throws Exception {
    Response value = await(redis.get(key));
    return value == null ? 0 : value.toLong();
  }

  private long ttlInRedis() throws Exception {
    return await(redis.pttl(key)).toLong();
  }
}
