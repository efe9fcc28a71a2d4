package io.synthos.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.synthos.platform.FreePort;
import io.synthos.platform.config.Secret;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.EmbeddedPostgresServer;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.TestConfigs;
import io.synthos.testing.TestInfra;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@DisplayName("A Synthos process with every role")
@Tag("slow")
class NodeStartupTest {

  private static final List<String> CHECKS =
      List.of("postgres", "redis", "data", "validation", "collapse", "cluster");

  @TempDir Path dataDir;
  private RunningNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private SynthosConfig config() {
    return TestConfigs.on(TestInfra.get().freshDatabase(), TestInfra.get().redisUrl(), dataDir);
  }

  private static String url(SynthosConfig config, String path) {
    return "http://127.0.0.1:" + config.http().port() + path;
  }

  @Test
  @DisplayName("becomes ready once PostgreSQL, Redis and the three ML services answer")
  void ready() throws Exception {
    node = Launcher.start(config(), EnumSet.allOf(Role.class));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> HttpProbe.get(url(node.config(), "/health/ready")).status() == 200);
    Response ready = HttpProbe.get(url(node.config(), "/health/ready"));
    assertThat(ready.checks())
        .containsOnlyKeys(CHECKS)
        .allSatisfy((id, status) -> assertThat(status).isEqualTo("UP"));
    assertThat(ready.check("postgres").getString("schema_version")).isEqualTo(latestMigration());
    assertThat(ready.check("redis").getString("reply")).isEqualTo("PONG");
    assertThat(ready.check("data").getString("address"))
        .isEqualTo(node.config().services().data().toString());
    assertThat(ready.check("cluster").getBoolean("clustered")).isFalse();
    assertThat(ready.check("cluster").getInteger("members")).isEqualTo(1);

    Response live = HttpProbe.get(url(node.config(), "/health"));
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().getJsonArray("roles")).hasSize(Role.values().length);
  }

  @Test
  @DisplayName("answers an unknown path and a wrong method with problem details")
  void problems() throws Exception {
    node = Launcher.start(config(), EnumSet.of(Role.API));

    Response missing = HttpProbe.get(url(node.config(), "/api/v1/nothing-here"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).isEqualTo("application/problem+json");
    assertThat(missing.json().getInteger("status")).isEqualTo(404);
    assertThat(missing.json().getString("title")).isEqualTo("Not Found");

    Response wrongMethod = HttpProbe.post(url(node.config(), "/health"), "{}");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.contentType()).isEqualTo("application/problem+json");
    assertThat(wrongMethod.allow()).isEqualTo("GET");
  }

  @Test
  @DisplayName("names the owner that does not answer when a role runs elsewhere")
  void missingRoleIsNamed() throws Exception {
    node = Launcher.start(config(), EnumSet.of(Role.API, Role.AUTH));

    Response ready = HttpProbe.get(url(node.config(), "/health/ready"));

    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.checks()).containsEntry("redis", "UP").containsEntry("postgres", "DOWN");
    assertThat(ready.check("postgres").getString("reason"))
        .contains("the orchestrator role did not answer");
  }

  @Test
  @DisplayName(
      "names an ML service that does not answer, and reports Redis degraded while limits fail open")
  void unreachableDependencies() throws Exception {
    int redisPort = FreePort.find();
    SynthosConfig config =
        TestConfigs.on(TestInfra.get().freshDatabase(), "redis://127.0.0.1:" + redisPort, dataDir);
    node = Launcher.start(config, EnumSet.complementOf(EnumSet.of(Role.COLLAPSE)));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "UP".equals(HttpProbe.get(url(config, "/health/ready")).checks().get("postgres")));
    Response ready = HttpProbe.get(url(config, "/health/ready"));
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.checks())
        .containsEntry("redis", "UP")
        .containsEntry("collapse", "DOWN")
        .containsEntry("data", "UP")
        .containsEntry("validation", "UP");
    assertThat(ready.check("redis").getBoolean("degraded")).isTrue();
    assertThat(ready.check("redis").getString("reason")).contains(String.valueOf(redisPort));
    assertThat(ready.check("collapse").getString("reason"))
        .startsWith("collapse service at " + config.services().collapse());
  }

  @Test
  @DisplayName("refuses to start on a taken port, naming it, and leaves nothing listening")
  void takenPort() throws Exception {
    SynthosConfig config = config();
    int port = config.http().port();
    try (ServerSocket taken = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> Launcher.start(config, EnumSet.allOf(Role.class)))
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("api: cannot listen on 127.0.0.1:" + port);
    }
    assertThat(portIsFree(config.grpc().port()))
        .as("the orchestrator's gRPC port is released")
        .isTrue();
    assertThat(portIsFree(config.services().data().port()))
        .as("the data service's port is released")
        .isTrue();
  }

  @Test
  @DisplayName(
      "starts without its database, says postgres is down, and turns ready when it appears")
  void databaseAppearsLater(@TempDir Path pgDir) throws Exception {
    int pgPort = FreePort.find();
    Secret absent =
        new Secret(
            "postgresql://postgres@127.0.0.1:" + pgPort + "/" + EmbeddedPostgresServer.DATABASE);
    SynthosConfig config = TestConfigs.on(absent, TestInfra.get().redisUrl(), dataDir);
    node = Launcher.start(config, EnumSet.allOf(Role.class));

    Response down = HttpProbe.get(url(config, "/health/ready"));
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.checks()).containsEntry("postgres", "DOWN").containsEntry("redis", "UP");
    assertThat(down.check("postgres").getString("reason")).contains("127.0.0.1:" + pgPort);

    try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(pgDir, pgPort)) {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> HttpProbe.get(url(config, "/health/ready")).status() == 200);
      assertThat(HttpProbe.get(url(config, "/health/ready")).checks())
          .containsEntry("postgres", "UP");
      node.close();
    }
  }

  @Test
  @DisplayName("releases every port when it stops")
  void releasesPorts() throws Exception {
    SynthosConfig config = config();
    node = Launcher.start(config, EnumSet.allOf(Role.class));
    node.close();

    for (int port : TestConfigs.serverPorts(config)) {
      assertThat(portIsFree(port)).as("port %d", port).isTrue();
    }
  }

  /** The version of the newest migration in the source tree, e.g. "2" for V2__accounts.sql. */
  private static String latestMigration() throws IOException {
    try (var files = java.nio.file.Files.list(Path.of("src/main/resources/db/migration"))) {
      return files
          .map(file -> file.getFileName().toString())
          .map(name -> name.substring(1, name.indexOf("__")))
          .max(java.util.Comparator.comparingInt(Integer::parseInt))
          .orElseThrow();
    }
  }

  private static boolean portIsFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
