package io.synthos.auth;

import static io.synthos.auth.Outcomes.outcome;
import static io.synthos.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.testing.TestInfra;
import io.synthos.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** No auth verticle runs here: what answers is the client itself, or nobody. */
@ExtendWith(VertxExtension.class)
@DisplayName("The auth client that checks tokens itself")
class AuthClientTest {

  private final SynthosConfig config =
      ConfigLoader.load(
          Optional.empty(),
          Map.of("REDIS_URL", TestInfra.get().redisUrl(), "JWT_SECRET", TestNode.JWT_SECRET));
  private AuthClient client;
  private Redis redis;

  @BeforeEach
  void open(Vertx vertx) {
    client = AuthClient.checkingTokens(vertx, config);
    redis = Redis.createClient(vertx, TestInfra.get().redisUrl());
  }

  @AfterEach
  void close() throws Exception {
    await(client.close());
    redis.close();
  }

  @Test
  @DisplayName("checks a bearer token without the auth verticle, and counts it")
  void checksBearerTokens(Vertx vertx, VertxTestContext ctx) {
    UUID user = UUID.randomUUID();
    String token = new TokenService(vertx, config.jwt()).issue(user, Principal.USER).token();

    client
        .authenticate("Bearer " + token, null)
        .compose(first -> client.authenticate("bearer  " + token + " ", null))
        .onComplete(
            ctx.succeeding(
                second ->
                    ctx.verify(
                        () -> {
                          assertThat(second.userId()).isEqualTo(user);
                          assertThat(second.rateHeaders())
                              .containsEntry(
                                  "RateLimit-Remaining",
                                  String.valueOf(config.rateLimits().perUserPerMinute() - 2));
                          ctx.completeNow();
                        })));
  }

  @Test
  @DisplayName("refuses a token revoked on another node with 401, once the news arrives")
  void refusesRevoked(Vertx vertx) throws Exception {
    TokenService tokens = new TokenService(vertx, config.jwt());
    TokenService.IssuedToken issued = tokens.issue(UUID.randomUUID(), Principal.USER);
    assertThat(await(outcome(client.authenticate("Bearer " + issued.token(), null))))
        .isEqualTo("accepted");
    Principal principal = await(tokens.verify(issued.token()));

    await(
        new TokenDenylist(RedisAPI.api(redis), config.jwt().accessTtl())
            .revoke(principal.tokenId(), principal.expiresAt()));

    // Another node's revocation reaches this one's copy of the denylist within moments.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> await(outcome(client.authenticate("Bearer " + issued.token(), null))),
            "401"::equals);
  }

  @Test
  @DisplayName("still asks the auth verticle for API keys, and without Redis for everything")
  void asksTheVerticleOtherwise(Vertx vertx, VertxTestContext ctx) {
    String token = new TokenService(vertx, config.jwt()).issue(UUID.randomUUID(), "user").token();
    SynthosConfig noRedis = ConfigLoader.load(Optional.empty(), Map.of());
    AuthClient withoutRedis = AuthClient.checkingTokens(vertx, noRedis);

    Future.all(
            outcome(client.authenticate(null, "sk_some_key")),
            outcome(withoutRedis.authenticate("Bearer " + token, null)))
        .onComplete(
            ctx.succeeding(
                both ->
                    ctx.verify(
                        () -> {
                          // Nobody answers on the bus here: the auth role's 503.
                          assertThat(both.<String>resultAt(0)).isEqualTo("503");
                          assertThat(both.<String>resultAt(1)).isEqualTo("503");
                          ctx.completeNow();
                        })));
  }
}
