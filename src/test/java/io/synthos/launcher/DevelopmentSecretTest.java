package io.synthos.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.platform.config.SynthosConfig;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.TestConfigs;
import io.synthos.testing.TestInfra;
import io.synthos.testing.TestNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Development mode with no JWT secret configured: each data directory signs tokens with a secret of
 * its own, made on its first start and kept after.
 */
@Tag("integration")
@DisplayName("The development JWT secret")
class DevelopmentSecretTest {

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

  private static boolean listening(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress("127.0.0.1", port));
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
