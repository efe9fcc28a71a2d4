package io.synthos.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.platform.config.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A secret file")
class SecretFileTest {

  @TempDir Path dir;

  @Test
  @DisplayName("is made once, 256 random bits only its owner can read, and read back after")
  void madeOnceOwnerOnly() throws Exception {
    Path file = dir.resolve("secrets").resolve("jwt-secret");

    Secret first = SecretFile.loadOrCreate(file, "");
    Secret again = SecretFile.loadOrCreate(file, "");

    assertThat(first.value()).matches("[A-Za-z0-9_-]{43}");
    assertThat(again).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing).as("no temporary file is left").containsExactly(file);
    }
  }

  @Test
  @DisplayName("differs from one file to the next")
  void freshPerFile() throws Exception {
    Secret one = SecretFile.loadOrCreate(dir.resolve("a/secret"), "");
    Secret two = SecretFile.loadOrCreate(dir.resolve("b/secret"), "");

    assertThat(one).isNotEqualTo(two);
  }

  @Test
  @DisplayName("is the same for every one of many callers racing to make it")
  void raceMakesOne() throws Exception {
    Path file = dir.resolve("secrets/jwt-secret");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Secret>> callers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        callers.add(() -> SecretFile.loadOrCreate(file, ""));
      }
      Set<Secret> seen =
          pool.invokeAll(callers).stream().map(SecretFileTest::get).collect(Collectors.toSet());

      assertThat(seen).containsExactly(new Secret(Files.readString(file).strip()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("is refused, naming the file and the fix, when short or readable by others")
  void refusesBadFiles() throws Exception {
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    Path tooShort = Files.writeString(secrets.resolve("short"), "only-twenty-characters\n");
    Files.setPosixFilePermissions(tooShort, PosixFilePermissions.fromString("rw-------"));
    Path shared = Files.writeString(secrets.resolve("shared"), "x".repeat(43));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r-----"));
    Path notAFile = Files.createDirectories(secrets.resolve("directory"));

    assertThatThrownBy(
            () ->
                SecretFile.loadOrCreate(
                    tooShort, "every token issued with the old one is then refused"))
        .isInstanceOf(IOException.class)
        .hasMessage(
            tooShort
                + " holds fewer than 32 characters; delete it to have a new secret made (every"
                + " token issued with the old one is then refused)");
    assertThatThrownBy(() -> SecretFile.loadOrCreate(tooShort, ""))
        .hasMessage(
            tooShort + " holds fewer than 32 characters; delete it to have a new secret made");
    assertThatThrownBy(() -> SecretFile.loadOrCreate(shared, ""))
        .hasMessage(shared + " may be read by others than its owner (rw-r-----); chmod 600 it");
    assertThatThrownBy(() -> SecretFile.loadOrCreate(notAFile, ""))
        .hasMessageStartingWith("cannot read " + notAFile + " (");
  }

  private static Secret get(Future<Secret> secret) {
    try {
      return secret.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
