package io.synthos.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The login lockout")
class LoginLockoutTest {

  private static final LockoutSettings SMALL =
      new LockoutSettings(2, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5));

  private final String email = "bob-" + UUID.randomUUID() + "@example.com";
  private Redis redis;
  private LoginLockout lockout;

  @BeforeEach
  void connect(Vertx vertx) {
    redis = Redis.createClient(vertx, TestInfra.get().redisUrl());
    lockout = new LoginLockout(RedisAPI.api(redis), SMALL, RateLimitPolicy.FAIL_CLOSED);
  }

  @AfterEach
  void close() {
    redis.close();
  }

  @Test
  @DisplayName("locks from the threshold on, doubling with each failure: 200 ms, then 400 ms")
  void lockGrows(VertxTestContext ctx) {
    List<Duration> locked = new ArrayList<>();
    lockout
        .recordFailure(email)
        .compose(first -> checkLock(first, Duration.ZERO, locked))
        .compose(none -> lockout.recordFailure(email))
        .compose(second -> checkLock(second, Duration.ofMillis(200), locked))
        .compose(none -> lockout.recordFailure(email))
        .compose(third -> checkLock(third, Duration.ofMillis(400), locked))
        .onComplete(
            ctx.succeeding(
                none ->
                    ctx.verify(
                        () -> {
                          assertThat(locked.get(0)).isZero();
                          assertThat(locked.get(1)).isPositive().isLessThanOrEqualTo(ms(200));
                          assertThat(locked.get(2))
                              .isGreaterThan(ms(200))
                              .isLessThanOrEqualTo(ms(400));
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("caps the lock at the maximum")
  void lockIsCapped(VertxTestContext ctx) {
    failures(email, 6)
        .onComplete(
            ctx.succeeding(
                locks ->
                    ctx.verify(
                        () -> {
                          assertThat(locks)
                              .containsExactly(
                                  ms(0), ms(200), ms(400), ms(800), ms(1000), ms(1000));
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("a successful login clears the lock and restarts the count")
  void successClears(VertxTestContext ctx) {
    failures(email, 3)
        .compose(locks -> lockout.recordSuccess(email))
        .compose(cleared -> lockout.lockedFor(email))
        .compose(
            locked -> {
              ctx.verify(() -> assertThat(locked).isZero());
              return lockout.recordFailure(email);
            })
        .onComplete(
            ctx.succeeding(
                afterReset ->
                    ctx.verify(
                        () -> {
                          assertThat(afterReset).isZero();
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("counts an email the same whatever its case or surrounding spaces")
  void emailCaseDoesNotEscape(VertxTestContext ctx) {
    lockout
        .recordFailure(" " + email.toUpperCase() + " ")
        .compose(first -> lockout.recordFailure(email))
        .compose(second -> lockout.lockedFor(email.toUpperCase()))
        .onComplete(
            ctx.succeeding(
                locked ->
                    ctx.verify(
                        () -> {
                          assertThat(locked).isPositive();
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("by default locks at the fifth failure for 30 s, then 60 s")
  void defaults(VertxTestContext ctx) {
    lockout = new LoginLockout(RedisAPI.api(redis), RateLimitPolicy.FAIL_CLOSED);
    failures(email, 6)
        .onComplete(
            ctx.succeeding(
                locks ->
                    ctx.verify(
                        () -> {
                          assertThat(locks.subList(0, 4)).allMatch(Duration::isZero);
                          assertThat(locks.subList(4, 6))
                              .containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(60));
                          ctx.completeNow();
                        })));
  }

  /** Asserts the lock a failure returned, then records what {@code lockedFor} reports. */
  private Future<Void> checkLock(Duration returned, Duration expected, List<Duration> locked) {
    assertThat(returned).isEqualTo(expected);
    return lockout.lockedFor(email).map(now -> locked.add(now)).mapEmpty();
  }

  private Future<List<Duration>> failures(String who, int count) {
    Future<List<Duration>> chain = Future.succeededFuture(new ArrayList<>());
    for (int i = 0; i < count; i++) {
      chain = chain.compose(list -> lockout.recordFailure(who).map(lock -> append(list, lock)));
    }
    return chain;
  }

  private static List<Duration> append(List<Duration> list, Duration lock) {
    list.add(lock);
    return list;
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
