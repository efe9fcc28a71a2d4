package io.synthos.auth;

import static io.synthos.auth.Outcomes.outcome;
import static io.synthos.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.auth.ratelimit.BatchedLimiter;
import io.synthos.auth.ratelimit.RateLimitPolicy;
import io.synthos.auth.ratelimit.RateLimiter;
import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.metrics.Metrics;
import io.synthos.testing.TestInfra;
import io.synthos.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both ways a bearer token is checked for revocation, against the real Redis: in one round trip
 * with the request's count (no copy of the denylist in memory), and in memory. Each refuses a token
 * whose login ended as surely as one revoked by its own id.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Bearer token checks")
class BearerTokensTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final SynthosConfig config =
      ConfigLoader.load(Optional.empty(), Map.of("JWT_SECRET", TestNode.JWT_SECRET));
  private final UUID user = UUID.randomUUID();
  private final UUID login = UUID.randomUUID();
  private Redis redis;
  private RedisAPI api;
  private TokenService tokens;
  private TokenDenylist denylist;
  private RateLimiter limiter;

  @BeforeEach
  void connect(Vertx vertx) {
    redis = Redis.createClient(vertx, TestInfra.get().redisUrl());
    api = RedisAPI.api(redis);
    tokens = new TokenService(vertx, config.jwt());
    denylist = new TokenDenylist(api, config.jwt().accessTtl());
    limiter = new RateLimiter(api, RateLimitPolicy.FAIL_OPEN);
  }

  @AfterEach
  void close() {
    redis.close();
  }

  @Test
  @DisplayName("in Redis: refuse every token of an ended login at once, and only those")
  void inRedis() throws Exception {
    BearerTokens checks = new BearerTokens(tokens, limiter, 1000, Metrics.disabled());

    assertEndedLoginRefused(checks, false);
  }

  @Test
  @DisplayName("in memory: refuse every token of a login ended elsewhere once the news arrives")
  void inMemory(Vertx vertx) throws Exception {
    RevokedTokens revoked =
        new RevokedTokens(
            vertx,
            Redis.createClient(vertx, TestInfra.get().redisUrl()),
            api,
            config.jwt().accessTtl(),
            RevokedTokens.RELOAD_EVERY,
            Clock.systemUTC());
    BatchedLimiter counts = new BatchedLimiter(vertx, api, limiter, Clock.systemUTC());
    try {
      BearerTokens checks =
          new BearerTokens(tokens, limiter, 1000, revoked, counts, Metrics.disabled());
      await().atMost(WAIT).until(revoked::ready);

      assertEndedLoginRefused(checks, true);
      assertThat(revoked.ready()).as("checked in memory throughout").isTrue();
    } finally {
      revoked.close();
      await(counts.close());
    }
  }

  /**
   * @param byMessage whether the news arrives by message (in memory), rather than being read in the
   *     check itself
   */
  private void assertEndedLoginRefused(BearerTokens checks, boolean byMessage) throws Exception {
    String first = tokens.issue(user, Principal.USER, login).token();
    String refreshed = tokens.issue(user, Principal.USER, login).token();
    String otherLogin = tokens.issue(user, Principal.USER, UUID.randomUUID()).token();
    String older = tokens.issue(user, Principal.USER).token();
    for (String token : new String[] {first, refreshed, otherLogin, older}) {
      assertThat(await(outcome(checks.authenticate(token)))).isEqualTo("accepted");
    }

    await(denylist.revokeLogin(login));

    if (byMessage) {
      await().atMost(WAIT).until(() -> await(outcome(checks.authenticate(first))), "401"::equals);
    }
    assertThat(await(outcome(checks.authenticate(first)))).isEqualTo("401");
    assertThat(await(outcome(checks.authenticate(refreshed)))).isEqualTo("401");
    assertThat(await(outcome(checks.authenticate(otherLogin)))).isEqualTo("accepted");
    assertThat(await(outcome(checks.authenticate(older))))
        .as("a token issued before logins were named lives until it expires")
        .isEqualTo("accepted");
  }
}
