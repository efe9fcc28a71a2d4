package io.synthos.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.platform.FreePort;
import io.synthos.platform.MlGrpcClient;
import io.synthos.platform.config.ConfigException;
import io.synthos.platform.config.HostPort;
import io.synthos.platform.config.Secret;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.proto.v1.DataGrpcClient;
import io.synthos.proto.v1.DescribeRequest;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.TestConfigs;
import io.synthos.testing.TestInfra;
import io.synthos.testing.TestNode;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.common.GrpcStatus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Development mode with no JWT secret or ML services' secret configured: each data directory signs
 * tokens, and opens its ML services, with secrets of its own, made on its first start and kept
 * after; production and clusters must configure the ML services' secret.
 */
@Tag("integration")
@DisplayName("The development secrets")
class DevelopmentSecretTest {

  /** Production mode with every secret of its own but the ML services'. */
  private static final Map<String, String> PRODUCTION =
      Map.of(
          "SYNTHOS_MODE", "production",
          "JWT_SECRET", TestNode.JWT_SECRET,
          "ADMIN_PASSWORD", "an-admin-password-of-our-own");

  /** The roles that run or call an ML service, each alone. */
  private static final List<Role> ML_ROLES =
      List.of(
          Role.DATA, Role.VALIDATION, Role.COLLAPSE, Role.RESOURCES, Role.ORCHESTRATOR, Role.API);

  @TempDir Path dir;

  /** A node on {@code dataDir} with no JWT secret configured, as conf/synthos.yaml ships. */
  private static TestNode nodeOn(Path dataDir, Map<String, String> more) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(more);
    env.put("JWT_SECRET", "");
    env.put("SYNTHOS_DATA_DIR", dataDir.toString());
    return TestNode.start(env);
  }

  private static int me(TestNode node, String token) {
    return HttpProbe.get(node.url("/api/v1/auth/me"), "Authorization", "Bearer " + token).status();
  }

  @Test
  @DisplayName("is fresh for a fresh data directory: one node's tokens are refused by another")
  void freshPerDataDirectory() throws Exception {
    try (TestNode one = nodeOn(dir.resolve("one"), Map.of());
        TestNode two = nodeOn(dir.resolve("two"), Map.of())) {
      String token = one.newAccessToken();

      assertThat(me(one, token)).isEqualTo(200);
      assertThat(me(two, token)).isEqualTo(401);
      assertThat(Files.readString(one.config().jwtSecretFile()))
          .isNotEqualTo(Files.readString(two.config().jwtSecretFile()));
    }
  }

  @Test
  @DisplayName("is kept across a restart, owner-only: a token issued before still works after")
  void keptAcrossRestart() throws Exception {
    Path dataDir = dir.resolve("data");
    String token;
    String database;
    try (TestNode before = nodeOn(dataDir, Map.of())) {
      token = before.newAccessToken();
      database = before.config().database().url().value();
    }
    Path file = dataDir.resolve("secrets/jwt-secret");
    String secret = Files.readString(file);

    try (TestNode after = nodeOn(dataDir, Map.of("DATABASE_URL", database))) {
      assertThat(me(after, token)).isEqualTo(200);
      assertThat(after.config().jwt().secret().value()).isEqualTo(secret.strip());
    }
    assertThat(Files.readString(file)).isEqualTo(secret);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .as("its directory")
        .isEqualTo("rwx------");
  }

  @Test
  @DisplayName("that is short or readable by others stops the start with one line, nothing left")
  void badFileStopsTheStart() throws Exception {
    Path secrets = Files.createDirectories(dir.resolve("data/secrets"));
    Path file = Files.writeString(secrets.resolve("jwt-secret"), "too-short\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    SynthosConfig config =
        TestConfigs.on(
            TestInfra.get().freshDatabase(), TestInfra.get().redisUrl(), dir.resolve("data"));

    assertThatThrownBy(() -> Launcher.start(config, EnumSet.allOf(Role.class)))
        .isInstanceOf(StartupException.class)
        .hasMessage(
            "cannot use the development JWT secret (JWT_SECRET is not set): "
                + file
                + " holds fewer than 32 characters; delete it to have a new secret made (every"
                + " token issued with the old one is then refused)");
    assertThat(listening(config.http().port())).as("nothing listens").isFalse();

    Files.writeString(file, "x".repeat(43));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> Launcher.start(config, EnumSet.of(Role.API, Role.AUTH)))
        .hasMessageEndingWith(
            file + " may be read by others than its owner (rw-r--r--); chmod 600 it");
  }

  @Test
  @DisplayName("is neither made nor needed by a node whose roles check no token")
  void onlyForTokenRoles() throws Exception {
    SynthosConfig config =
        TestConfigs.on(
            TestInfra.get().freshDatabase(), TestInfra.get().redisUrl(), dir.resolve("data"));

    try (RunningNode node = Launcher.start(config, EnumSet.of(Role.COLLAPSE))) {
      assertThat(node.config().jwt().secret().isEmpty()).isTrue();
    }
    assertThat(config.jwtSecretFile()).doesNotExist();
  }

  @Test
  @DisplayName(
      "for the ML services is made owner-only on a fresh data directory, kept across a restart,"
          + " and opens the services to Synthos alone")
  void serviceSecretMadeAndKept() throws Exception {
    Path dataDir = dir.resolve("data");
    SynthosConfig config =
        TestConfigs.on(TestInfra.get().freshDatabase(), TestInfra.get().redisUrl(), dataDir);
    Path file = config.serviceSecretFile();
    assertThat(file).isEqualTo(dataDir.resolve("secrets/service-secret"));

    String secret;
    try (RunningNode node = Launcher.start(config, EnumSet.of(Role.DATA))) {
      secret = Files.readString(file).strip();
      assertThat(node.config().services().secret().value()).isEqualTo(secret);
      assertThat(describe(node, node.config())).isEqualTo(GrpcStatus.OK);
      assertThat(describe(node, config.withGeneratedServiceSecret(new Secret("x".repeat(43)))))
          .isEqualTo(GrpcStatus.UNAUTHENTICATED);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (RunningNode again = Launcher.start(config, EnumSet.of(Role.DATA))) {
      assertThat(again.config().services().secret().value()).isEqualTo(secret);
    }
  }

  @Test
  @DisplayName("for the ML services is neither made nor needed by a node of auth and dashboard")
  void serviceSecretOnlyForMlRoles() throws Exception {
    SynthosConfig config = configWith(PRODUCTION);

    try (RunningNode node = Launcher.start(config, EnumSet.of(Role.AUTH, Role.DASHBOARD))) {
      assertThat(node.config().services().secret().isEmpty()).isTrue();
    }
    assertThat(config.serviceSecretFile()).doesNotExist();
  }

  @Test
  @DisplayName(
      "for the ML services is never made in production or a cluster: a node that runs or calls"
          + " one stops with one line, nothing started")
  void serviceSecretRefusedInProductionAndClusters() throws Exception {
    Map<String, String> cluster =
        Map.of(
            "SYNTHOS_CLUSTER",
            "true",
            "JWT_SECRET",
            TestNode.JWT_SECRET,
            "SYNTHOS_CLUSTER_PORT",
            String.valueOf(FreePort.find()));
    String set = ": set SYNTHOS_SERVICE_SECRET or SYNTHOS_SERVICE_SECRET_FILE";

    for (Role role : ML_ROLES) {
      SynthosConfig inProduction = configWith(PRODUCTION);
      SynthosConfig inCluster = configWith(cluster);

      assertThatThrownBy(() -> Launcher.start(inProduction, EnumSet.of(role)))
          .as(role.id())
          .isInstanceOf(ConfigException.class)
          .hasMessage("services.secret: production mode needs a secret of your own" + set);
      assertThatThrownBy(() -> Launcher.start(inCluster, EnumSet.of(role)))
          .as(role.id())
          .isInstanceOf(ConfigException.class)
          .hasMessage("services.secret: a cluster needs one secret shared by every node" + set);
      for (SynthosConfig refused : List.of(inProduction, inCluster)) {
        assertThat(Arrays.stream(TestConfigs.serverPorts(refused)).boxed())
            .noneMatch(DevelopmentSecretTest::listening);
        assertThat(refused.serviceSecretFile()).doesNotExist();
      }
    }
  }

  private SynthosConfig configWith(Map<String, String> env) throws IOException {
    return TestConfigs.on(
        TestInfra.get().freshDatabase(),
        TestInfra.get().redisUrl(),
        Files.createTempDirectory(dir, "node"),
        env);
  }

  /** How the node's data service answers Describe to a caller holding {@code caller}'s secret. */
  private static GrpcStatus describe(RunningNode node, SynthosConfig caller) throws Exception {
    GrpcClient client = MlGrpcClient.create(node.vertx(), caller, new GrpcClientOptions());
    try {
      HostPort data = node.config().services().data();
      return client
          .request(
              SocketAddress.inetSocketAddress(data.port(), data.host()), DataGrpcClient.Describe)
          .compose(call -> call.send(DescribeRequest.getDefaultInstance()))
          .compose(response -> response.end().transform(ended -> succeeded(response.status())))
          .toCompletionStage()
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }

  private static Future<GrpcStatus> succeeded(GrpcStatus status) {
    return Future.succeededFuture(status);
  }

  private static boolean listening(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress("127.0.0.1", port));
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
