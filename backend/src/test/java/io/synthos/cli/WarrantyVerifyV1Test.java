package io.synthos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.TestResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warranty verify} on an envelope the v1 issuer signed (the reference in the clear). */
@DisplayName("warranty verify, on a warranty issued before commitments")
class WarrantyVerifyV1Test {

  @TempDir static Path dir;
  private static String envelope;
  private static String jwks;

  @BeforeAll
  static void files() throws IOException {
    envelope =
        Files.writeString(
                dir.resolve("v1.json"), TestResources.text("/warranties/v1-envelope.json"))
            .toString();
    jwks =
        Files.writeString(
                dir.resolve("v1-jwks.json"), TestResources.text("/warranties/v1-jwks.json"))
            .toString();
  }

  @Test
  @DisplayName("still verifies its signature and dataset digest")
  void verifies() {
    CliRun valid =
        CliRun.of("warranty", "verify", envelope, "--jwks", jwks, "--sha256", "a1".repeat(32));
    CliRun other =
        CliRun.of("warranty", "verify", envelope, "--jwks", jwks, "--sha256", "b2".repeat(32));

    assertThat(valid.exitCode()).as(valid.out() + valid.err()).isZero();
    assertThat(valid.out())
        .startsWith("VALID")
        .contains("dataset      matches", "reference    not committed (a v1 warranty)");
    assertThat(other.exitCode()).isEqualTo(1);
    assertThat(other.out()).startsWith("INVALID: digest-mismatch: ");
  }

  @Test
  @DisplayName("denies any commitment: it has none to open")
  void commitsToNothing() {
    CliRun run =
        CliRun.of(
            "warranty",
            "verify",
            envelope,
            "--jwks",
            jwks,
            "--salt",
            "ab".repeat(32),
            "--reference-sha256",
            "b2".repeat(32));

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).startsWith("INVALID: commitment-mismatch: ");
  }
}
