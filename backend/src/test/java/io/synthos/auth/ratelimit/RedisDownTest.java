package io.synthos.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.synthos.platform.FreePort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
@DisplayName("With Redis unreachable")
class RedisDownTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

  private final Logger limiterLog = (Logger) LoggerFactory.getLogger(RateLimiter.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Redis redis;
  private RedisAPI api;

  @BeforeEach
  void connectToClosedPort(Vertx vertx) {
    redis = Redis.createClient(vertx, "redis://127.0.0.1:" + FreePort.find());
    api = RedisAPI.api(redis);
    logged.start();
    limiterLog.addAppender(logged);
  }

  @AfterEach
  void close() {
    limiterLog.detachAppender(logged);
    redis.close();
  }

  @Test
  @DisplayName("FAIL_OPEN allows with the full limit, marked degraded")
  void failOpen(VertxTestContext ctx) {
    new RateLimiter(api, RateLimitPolicy.FAIL_OPEN)
        .hit("login-ip", "203.0.113.7", 5, MINUTE)
        .onComplete(
            ctx.succeeding(
                decision ->
                    ctx.verify(
                        () -> {
                          assertThat(decision)
                              .isEqualTo(new RateDecision(true, 5, 5, MINUTE, Duration.ZERO, true));
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("the check with a blocking key decides by policy too: it cannot tell blocked")
  void hitUnlessPresentByPolicy(VertxTestContext ctx) {
    Future.all(
            new RateLimiter(api, RateLimitPolicy.FAIL_OPEN)
                .hitUnlessPresent(List.of("synthos:deny:x"), "user", "u", 5, MINUTE),
            new RateLimiter(api, RateLimitPolicy.FAIL_CLOSED)
                .hitUnlessPresent(List.of("synthos:deny:x"), "user", "u", 5, MINUTE))
        .onComplete(
            ctx.succeeding(
                both ->
                    ctx.verify(
                        () -> {
                          Optional<RateDecision> open = both.resultAt(0);
                          Optional<RateDecision> closed = both.resultAt(1);
                          assertThat(open).get().returns(true, RateDecision::allowed);
                          assertThat(open).get().returns(true, RateDecision::degraded);
                          assertThat(closed).get().returns(false, RateDecision::allowed);
                          assertThat(closed).get().returns(true, RateDecision::degraded);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("FAIL_CLOSED refuses with a 30-second retry, marked degraded")
  void failClosed(VertxTestContext ctx) {
    new RateLimiter(api, RateLimitPolicy.FAIL_CLOSED)
        .hit("login-ip", "203.0.113.7", 5, MINUTE)
        .onComplete(
            ctx.succeeding(
                decision ->
                    ctx.verify(
                        () -> {
                          assertThat(decision.allowed()).isFalse();
                          assertThat(decision.degraded()).isTrue();
                          assertThat(decision.retryAfter()).isEqualTo(THIRTY_SECONDS);
                          assertThat(decision.headers()).containsEntry("Retry-After", "30");
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("treats a Redis that accepts connections but never answers as down, within 1 s")
  void silentRedisTimesOut(Vertx vertx, VertxTestContext ctx) {
    long started = System.nanoTime();
    vertx
        .createNetServer()
        .connectHandler(socket -> {}) // reads nothing, answers nothing
        .listen(0, "127.0.0.1")
        .compose(
            server -> {
              Redis silent = Redis.createClient(vertx, "redis://127.0.0.1:" + server.actualPort());
              return new RateLimiter(RedisAPI.api(silent), RateLimitPolicy.FAIL_CLOSED)
                  .hit("login-ip", "203.0.113.7", 5, MINUTE)
                  .eventually(silent::close);
            })
        .onComplete(
            ctx.succeeding(
                decision ->
                    ctx.verify(
                        () -> {
                          assertThat(decision.degraded()).isTrue();
                          assertThat(decision.allowed()).isFalse();
                          assertThat(Duration.ofNanos(System.nanoTime() - started))
                              .isLessThan(Duration.ofSeconds(3));
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("logs one WARN for many failed checks, not one per request")
  void warnsOnce(VertxTestContext ctx) {
    RateLimiter limiter = new RateLimiter(api, RateLimitPolicy.FAIL_OPEN);
    List<Future<RateDecision>> hits =
        IntStream.range(0, 20)
            .mapToObj(i -> limiter.hit("api-ip", "198.51.100." + i, 5, MINUTE))
            .toList();
    Future.all(hits)
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          assertThat(all.<RateDecision>list()).allMatch(RateDecision::degraded);
                          assertThat(logged.list)
                              .filteredOn(event -> event.getLevel() == Level.WARN)
                              .hasSize(1);
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("the lockout fails open as not locked, and a success still completes")
  void lockoutFailsOpen(VertxTestContext ctx) {
    LoginLockout lockout = new LoginLockout(api, RateLimitPolicy.FAIL_OPEN);
    Future.all(
            lockout.lockedFor("carol@example.com"),
            lockout.recordFailure("carol@example.com"),
            lockout.recordSuccess("carol@example.com"))
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          assertThat(all.<Duration>resultAt(0)).isZero();
                          assertThat(all.<Duration>resultAt(1)).isZero();
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("the lockout fails closed as locked for 30 seconds, and a success still completes")
  void lockoutFailsClosed(VertxTestContext ctx) {
    LoginLockout lockout = new LoginLockout(api, RateLimitPolicy.FAIL_CLOSED);
    Future.all(
            lockout.lockedFor("carol@example.com"),
            lockout.recordFailure("carol@example.com"),
            lockout.recordSuccess("carol@example.com"))
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          assertThat(all.<Duration>resultAt(0)).isEqualTo(THIRTY_SECONDS);
                          assertThat(all.<Duration>resultAt(1)).isEqualTo(THIRTY_SECONDS);
                          ctx.completeNow();
                        })));
  }
}
