package io.synthos.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.launcher.Role;
import io.synthos.platform.FreePort;
import io.synthos.platform.redis.EmbeddedRedisServer;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away and comes back. The node owns its own embedded Redis here, so stopping it touches
 * nothing else. Redis holds only rate-limit counters and the logout denylist: the API keeps
 * serving, and each mode says so.
 */
@Tag("slow")
@DisplayName("Redis stopped")
class RedisOutageTest {

  private static Response me(TestNode node, String token) {
    return HttpProbe.get(node.url("/api/v1/auth/me"), "Authorization", "Bearer " + token);
  }

  /** What the readiness check of Redis reports. */
  private static JsonObject redisData(TestNode node) {
    return HttpProbe.get(node.url("/health/ready")).check("redis");
  }

  private static String redisStatus(TestNode node) {
    return HttpProbe.get(node.url("/health/ready")).checks().get("redis");
  }

  @Test
  @DisplayName("failing open: the API keeps serving and readiness says degraded, then recovers")
  void failOpen() throws Exception {
    Path data = Files.createTempDirectory("synthos-outage-redis");
    int port = FreePort.find();
    EmbeddedRedisServer redis = EmbeddedRedisServer.start(data, port);
    try (TestNode node =
        TestNode.start(
            Map.of("REDIS_URL", redis.url(), "RATE_LIMIT_FAIL_OPEN", "true"),
            EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR, Role.RESOURCES))) {
      String token = node.newAccessToken();
      assertThat(me(node, token).status()).isEqualTo(200);

      redis.close();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> redisData(node).getBoolean("degraded", false));
      Response meanwhile = me(node, token);
      assertThat(meanwhile.status()).as(meanwhile.body()).isEqualTo(200);
      assertThat(redisStatus(node)).isEqualTo("UP");

      redis = EmbeddedRedisServer.start(data, port);
      await().atMost(Duration.ofSeconds(30)).until(() -> !redisData(node).containsKey("degraded"));
      assertThat(me(node, token).status()).isEqualTo(200);
    } finally {
      redis.close();
    }
  }

  @Test
  @DisplayName("failing closed: readiness says down, limited calls get 429, tokens 503")
  void failClosed() throws Exception {
    Path data = Files.createTempDirectory("synthos-outage-redis");
    int port = FreePort.find();
    EmbeddedRedisServer redis = EmbeddedRedisServer.start(data, port);
    try (TestNode node =
        TestNode.start(
            Map.of("REDIS_URL", redis.url(), "RATE_LIMIT_FAIL_OPEN", "false"),
            EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR, Role.RESOURCES))) {
      String token = node.newAccessToken();

      redis.close();
      await().atMost(Duration.ofSeconds(30)).until(() -> "DOWN".equals(redisStatus(node)));
      Response unverifiable = me(node, token);
      Response login =
          HttpProbe.postJson(
              node.url("/api/v1/auth/login"),
              new JsonObject().put("email", "nobody@example.com").put("password", "whatever"));

      // A token's revocation cannot be checked: refused, retryable.
      assertThat(unverifiable.status()).as(unverifiable.body()).isEqualTo(503);
      assertThat(unverifiable.json().getString("type")).isEqualTo("/problems/auth-unavailable");
      // A rate-limited call cannot be counted: refused as over the limit, with when to retry.
      assertThat(login.status()).as(login.body()).isEqualTo(429);
      assertThat(login.header("Retry-After")).isNotBlank();
      assertThat(login.contentType()).startsWith("application/problem+json");
    } finally {
      redis.close();
    }
  }
}
