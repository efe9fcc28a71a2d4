package io.synthos.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.synthos.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The Redis rate limiter")
class RateLimiterTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final String bucket = "test-" + UUID.randomUUID();
  private final String subject = "alice+" + UUID.randomUUID() + "@example.com";
  private Redis nodeA;
  private Redis nodeB;
  private RateLimiter limiter;

  @BeforeEach
  void connect(Vertx vertx) {
    nodeA = node(vertx);
    nodeB = node(vertx);
    limiter = new RateLimiter(RedisAPI.api(nodeA), RateLimitPolicy.FAIL_CLOSED);
  }

  @AfterEach
  void close() {
    nodeA.close();
    nodeB.close();
  }

  @Test
  @DisplayName("allows exactly the limit, then refuses until the window ends")
  void allowsLimitThenRefuses(VertxTestContext ctx) {
    hits(limiter, 4, 3, MINUTE)
        .onComplete(
            ctx.succeeding(
                decisions ->
                    ctx.verify(
                        () -> {
                          assertThat(decisions)
                              .extracting(RateDecision::allowed)
                              .containsExactly(true, true, true, false);
                          assertThat(decisions)
                              .extracting(RateDecision::remaining)
                              .containsExactly(2, 1, 0, 0);
                          RateDecision refused = decisions.get(3);
                          assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(MINUTE);
                          assertThat(refused.retryAfter()).isEqualTo(refused.resetAfter());
                          assertThat(refused.degraded()).isFalse();
                          assertThat(decisions.get(0).retryAfter()).isZero();
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("shares one count between two nodes with their own Redis clients")
  void sharedBetweenNodes(VertxTestContext ctx) {
    RateLimiter other = new RateLimiter(RedisAPI.api(nodeB), RateLimitPolicy.FAIL_CLOSED);
    hits(limiter, 2, 3, MINUTE)
        .compose(first -> hits(other, 2, 3, MINUTE))
        .onComplete(
            ctx.succeeding(
                onB ->
                    ctx.verify(
                        () -> {
                          assertThat(onB)
                              .extracting(RateDecision::allowed)
                              .containsExactly(true, false);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("allows again once the window has passed, and refused hits do not extend it")
  void windowExpires() throws Exception {
    Duration window = Duration.ofMillis(300);
    List<RateDecision> first = hits(limiter, 2, 1, window).await(5, TimeUnit.SECONDS);
    assertThat(first).extracting(RateDecision::allowed).containsExactly(true, false);

    // Each poll is itself a hit: if hits extended the window, this would never succeed.
    await()
        .atMost(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> limiter.hit(bucket, subject, 1, window).await(5, TimeUnit.SECONDS).allowed());
  }

  @Test
  @DisplayName("counts 50 concurrent hits atomically: exactly the limit of 10 is allowed")
  void atomicUnderConcurrency(VertxTestContext ctx) {
    List<Future<RateDecision>> concurrent =
        IntStream.range(0, 50).mapToObj(i -> limiter.hit(bucket, subject, 10, MINUTE)).toList();
    Future.all(concurrent)
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          List<RateDecision> decisions = all.list();
                          assertThat(decisions).noneMatch(RateDecision::degraded);
                          assertThat(decisions).filteredOn(RateDecision::allowed).hasSize(10);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("keys the counter by the SHA-256 of the subject, never the subject itself")
  void keysAreHashed(VertxTestContext ctx) throws NoSuchAlgorithmException {
    RedisAPI api = RedisAPI.api(nodeB);
    String expected = "synthos:rl:" + bucket + ":" + sha256Hex(subject);
    limiter
        .hit(bucket, subject, 5, MINUTE)
        .compose(decision -> api.exists(List.of(expected)))
        .compose(
            exists -> {
              ctx.verify(() -> assertThat(exists.toInteger()).isEqualTo(1));
              return api.keys("*" + subject + "*");
            })
        .onComplete(
            ctx.succeeding(
                raw ->
                    ctx.verify(
                        () -> {
                          assertThat(raw.size()).isZero();
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("gives the RateLimit headers of a real hit")
  void headersOfARealHit(VertxTestContext ctx) {
    hits(limiter, 3, 2, MINUTE)
        .onComplete(
            ctx.succeeding(
                decisions ->
                    ctx.verify(
                        () -> {
                          assertThat(decisions.get(0).headers())
                              .containsExactly(
                                  entry("RateLimit-Limit", "2"),
                                  entry("RateLimit-Remaining", "1"),
                                  entry("RateLimit-Reset", "60"));
                          assertThat(decisions.get(2).headers())
                              .containsEntry("RateLimit-Remaining", "0")
                              .containsKey("Retry-After")
                              .hasSize(4);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("reloads its script when Redis has forgotten it (restart or SCRIPT FLUSH)")
  void reloadsFlushedScript(VertxTestContext ctx) {
    RedisAPI.api(nodeB)
        .script(List.of("FLUSH"))
        .compose(flushed -> limiter.hit(bucket, subject, 5, MINUTE))
        .onComplete(
            ctx.succeeding(
                decision ->
                    ctx.verify(
                        () -> {
                          assertThat(decision.degraded()).isFalse();
                          assertThat(decision.remaining()).isEqualTo(4);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("counts unless any blocking key exists; while one does, nothing is counted")
  void hitUnlessPresent(VertxTestContext ctx) {
    String token = "test-block:" + UUID.randomUUID();
    String login = "test-block:" + UUID.randomUUID();
    List<String> blocking = List.of(token, login);
    RedisAPI redis = RedisAPI.api(nodeB);
    List<Optional<RateDecision>> outcomes = new ArrayList<>();
    limiter
        .hitUnlessPresent(blocking, bucket, subject, 5, MINUTE)
        .compose(first -> record(outcomes, first, redis.set(List.of(login, "1", "PX", "60000"))))
        .compose(set -> limiter.hitUnlessPresent(blocking, bucket, subject, 5, MINUTE))
        .compose(
            second ->
                record(
                    outcomes,
                    second,
                    redis
                        .del(List.of(login))
                        .compose(gone -> redis.set(List.of(token, "1", "PX", "60000")))))
        .compose(set -> limiter.hitUnlessPresent(blocking, bucket, subject, 5, MINUTE))
        .compose(third -> record(outcomes, third, redis.del(List.of(token))))
        .compose(gone -> limiter.hitUnlessPresent(blocking, bucket, subject, 5, MINUTE))
        .onComplete(
            ctx.succeeding(
                fourth ->
                    ctx.verify(
                        () -> {
                          assertThat(outcomes.get(0)).get().returns(4, RateDecision::remaining);
                          assertThat(outcomes.get(1)).as("the login's key blocks").isEmpty();
                          assertThat(outcomes.get(2)).as("the token's key blocks").isEmpty();
                          // The blocked calls counted nothing: the fourth is the second hit.
                          assertThat(fourth).get().returns(3, RateDecision::remaining);
                          ctx.completeNow();
                        })));
  }

  private static <T> Future<T> record(
      List<Optional<RateDecision>> outcomes, Optional<RateDecision> outcome, Future<T> next) {
    outcomes.add(outcome);
    return next;
  }

  // The client's default pool (6 connections, 24 waiters) fails a burst of 50 with
  // ConnectionPoolTooBusyException; a node must size its pool for its peak of concurrent checks.
  private static Redis node(Vertx vertx) {
    return Redis.createClient(
        vertx,
        new RedisOptions()
            .setConnectionString(TestInfra.get().redisUrl())
            .setMaxPoolSize(8)
            .setMaxPoolWaiting(64));
  }

  /** {@code count} hits one after another, so their order is the counting order. */
  private Future<List<RateDecision>> hits(RateLimiter on, int count, int limit, Duration window) {
    Future<List<RateDecision>> chain = Future.succeededFuture(new ArrayList<>());
    for (int i = 0; i < count; i++) {
      chain =
          chain.compose(
              list ->
                  on.hit(bucket, subject, limit, window)
                      .map(
                          decision -> {
                            list.add(decision);
                            return list;
                          }));
    }
    return chain;
  }

  private static String sha256Hex(String text) throws NoSuchAlgorithmException {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }
}
