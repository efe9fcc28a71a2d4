package io.synthos.auth;

import static io.synthos.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.testing.MutableClock;
import io.synthos.testing.TestInfra;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Against the real Redis; another client stands for the other nodes. */
@ExtendWith(VertxExtension.class)
@DisplayName("The denylist held in memory")
class RevokedTokensTest {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<RevokedTokens> opened = new ArrayList<>();
  private Redis elsewhere;
  private TokenDenylist denylist;

  @BeforeEach
  void connect(Vertx vertx) {
    elsewhere = Redis.createClient(vertx, TestInfra.get().redisUrl());
    denylist = new TokenDenylist(RedisAPI.api(elsewhere), Duration.ofMinutes(15));
  }

  @AfterEach
  void close() {
    opened.forEach(RevokedTokens::close);
    elsewhere.close();
  }

  @Test
  @DisplayName("learns a revocation made elsewhere from its message, without reloading")
  void learnsFromMessages(Vertx vertx) throws Exception {
    // Reloads an hour apart: only the subscription can bring the news during this test.
    RevokedTokens revoked = open(vertx, HOUR, Clock.systemUTC());
    await().atMost(WAIT).until(revoked::ready);
    String tokenId = UUID.randomUUID().toString();
    assertThat(revoked.revoked(tokenId)).isFalse();

    await(denylist.revoke(tokenId, Instant.now().plus(HOUR)));

    await().atMost(WAIT).until(() -> revoked.revoked(tokenId));
  }

  @Test
  @DisplayName("learns a login ended elsewhere by its sid, and keeps it as long as a token lives")
  void learnsEndedLogins(Vertx vertx) throws Exception {
    RevokedTokens revoked = open(vertx, HOUR, Clock.systemUTC());
    await().atMost(WAIT).until(revoked::ready);
    UUID login = UUID.randomUUID();

    await(denylist.revokeLogin(login));

    await().atMost(WAIT).until(() -> revoked.revoked(login.toString()));
    long ttl = await(RedisAPI.api(elsewhere).pttl(TokenDenylist.key(login.toString()))).toLong();
    assertThat(Duration.ofMillis(ttl))
        .isGreaterThan(Duration.ofMinutes(15))
        .isLessThanOrEqualTo(Duration.ofMinutes(15).plus(TokenDenylist.SKEW));
  }

  @Test
  @DisplayName("loads the revocations made before it started before it says it is ready")
  void loadsEarlierRevocations(Vertx vertx) throws Exception {
    String tokenId = UUID.randomUUID().toString();
    await(denylist.revoke(tokenId, Instant.now().plus(HOUR)));

    RevokedTokens revoked = open(vertx, HOUR, Clock.systemUTC());

    await().atMost(WAIT).until(revoked::ready);
    assertThat(revoked.revoked(tokenId)).isTrue();
  }

  @Test
  @DisplayName("is not ready without its subscription, and catches up when it is back")
  void resubscribes(Vertx vertx) throws Exception {
    RevokedTokens revoked = open(vertx, HOUR, Clock.systemUTC());
    await().atMost(WAIT).until(revoked::ready);

    await(RedisAPI.api(elsewhere).client(List.of("KILL", "TYPE", "pubsub")));
    await().atMost(WAIT).until(() -> !revoked.ready());
    // Made while the subscription may be down: the reload after subscribing finds it.
    String tokenId = UUID.randomUUID().toString();
    await(denylist.revoke(tokenId, Instant.now().plus(HOUR)));

    await().atMost(WAIT).until(revoked::ready);
    assertThat(revoked.revoked(tokenId)).isTrue();
  }

  @Test
  @DisplayName("shares what one instance learns with every instance of the node")
  void sharedOnTheNode(Vertx vertx) {
    RevokedTokens first = open(vertx, HOUR, Clock.systemUTC());
    RevokedTokens second = open(vertx, HOUR, Clock.systemUTC());
    String tokenId = UUID.randomUUID().toString();

    first.revokedHere(tokenId);

    assertThat(second.revoked(tokenId)).isTrue();
  }

  @Test
  @DisplayName("forgets a revocation once no token carrying it can still be valid")
  void forgetsOldEntries(Vertx vertx) {
    MutableClock clock = new MutableClock(Instant.now());
    RevokedTokens revoked = open(vertx, Duration.ofMillis(100), clock);
    String tokenId = UUID.randomUUID().toString();
    revoked.revokedHere(tokenId);
    await().atMost(WAIT).until(revoked::ready);
    assertThat(revoked.revoked(tokenId)).isTrue();

    clock.advance(Duration.ofMinutes(2));

    await().atMost(WAIT).until(() -> !revoked.revoked(tokenId));
  }

  private RevokedTokens open(Vertx vertx, Duration reloadEvery, Clock clock) {
    RevokedTokens revoked =
        new RevokedTokens(
            vertx,
            Redis.createClient(vertx, TestInfra.get().redisUrl()),
            RedisAPI.api(elsewhere),
            Duration.ofMinutes(1),
            reloadEvery,
            clock);
    opened.add(revoked);
    return revoked;
  }
}
