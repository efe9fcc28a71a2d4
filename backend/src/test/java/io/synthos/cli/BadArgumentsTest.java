package io.synthos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.TestDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input exits 2 with one line that says what is wrong, before any node starts. */
@DisplayName("The command line, given bad input")
class BadArgumentsTest {

  @TempDir static Path dir;
  private static String synthetic;

  @BeforeAll
  static void files() throws IOException {
    synthetic = Files.writeString(dir.resolve("syn.csv"), TestDatasets.people(20, 1)).toString();
  }

  private static void refused(CliRun run, String reason) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err().lines()).as(run.err()).hasSize(1);
    assertThat(run.err()).startsWith("synthos: ").contains(reason);
    assertThat(run.out()).isEmpty();
  }

  @Test
  @DisplayName("validate: a missing file, an unknown option, bad values, a holdout alone")
  void validate() {
    String missing = dir.resolve("missing.csv").toString();
    refused(CliRun.of("validate", "--synthetic", missing), "no readable file " + missing);
    refused(
        CliRun.of("validate", "--synthetic", synthetic, "--real", missing),
        "no readable file " + missing);
    refused(CliRun.of("validate", "--synthetic", synthetic, "--gate"), "Unknown option: '--gate'");
    refused(CliRun.of("validate", "--real", synthetic), "Missing required option: '--synthetic");
    refused(
        CliRun.of("validate", "--synthetic", synthetic, "--min-score", "high"),
        "Invalid value for option '--min-score'");
    refused(
        CliRun.of("validate", "--synthetic", synthetic, "--min-score", "120"),
        "--min-score must be between 0 and 100");
    refused(
        CliRun.of("validate", "--synthetic", synthetic, "--max-collapse-risk", "extreme"),
        "Invalid value for option '--max-collapse-risk'");
    refused(
        CliRun.of("validate", "--synthetic", synthetic, "--sections", "fidelity,beauty"),
        "Invalid value for option '--sections'");
    refused(
        CliRun.of("validate", "--synthetic", synthetic, "--timeout", "soon"),
        "'soon' is not a duration such as 90s, 30m or 2h");
    refused(
        CliRun.of("validate", "--synthetic", synthetic, "--holdout", synthetic),
        "--holdout needs --real");
  }

  @Test
  @DisplayName("server commands: no server, no API key, a URL that is not one")
  void serverCommands() {
    refused(CliRun.of("status", "3f6c2b1a-9e8d-4c7b-a6f5-e4d3c2b1a098"), "--server URL");
    refused(
        CliRun.of("report", "3f6c2b1a-9e8d-4c7b-a6f5-e4d3c2b1a098", "--server", "http://x"),
        "--api-key or SYNTHOS_API_KEY");
    refused(
        CliRun.with(
            Map.of("SYNTHOS_API_KEY", "sk_x"),
            Map.of(),
            "upload",
            synthetic,
            "--server",
            "ftp://x"),
        "is not an http(s) URL");
    refused(
        CliRun.with(
            Map.of("SYNTHOS_API_KEY", "sk_x"),
            Map.of(),
            "validate",
            "--synthetic",
            synthetic,
            "--server",
            "http://x",
            "--data-dir",
            dir.toString()),
        "--data-dir is for a local run");
    refused(CliRun.of("warranty"), "name a subcommand");
    refused(CliRun.of("warranty", "request", "some-id"), "Missing required option: '--tier");
  }

  @Test
  @DisplayName("warranty verify: no envelope, not JSON, no keys, two digests, a bad digest")
  void verify() throws IOException {
    String notJson = Files.writeString(dir.resolve("envelope.txt"), "hello").toString();
    String envelope = Files.writeString(dir.resolve("envelope.json"), "{}").toString();
    String jwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}").toString();

    refused(
        CliRun.of("warranty", "verify", dir.resolve("none.json").toString(), "--jwks", jwks),
        "no readable file");
    refused(CliRun.of("warranty", "verify", notJson, "--jwks", jwks), "is not a JSON object");
    refused(CliRun.of("warranty", "verify", envelope), "--jwks FILE-or-URL or --server URL");
    refused(CliRun.of("warranty", "verify", envelope, "--jwks", notJson), "cannot read");
    refused(
        CliRun.of(
            "warranty", "verify", envelope, "--jwks", jwks, "--file", synthetic, "--sha256", "ab"),
        "mutually exclusive");
    refused(
        CliRun.of("warranty", "verify", envelope, "--jwks", jwks, "--sha256", "abc"),
        "--sha256 must be 64 hexadecimal digits");
  }

  @Test
  @DisplayName(
      "warranty verify: a salt without real data, real data without a salt, bad hex, two of one")
  void verifyCommitments() throws IOException {
    String salt = "ab".repeat(32);
    String badSalt = Files.writeString(dir.resolve("salt.txt"), "not hex\n").toString();
    String alone = "--salt (or --salt-file) goes with --reference or --holdout";
    String badHex = "the salt must be 64 hexadecimal digits";

    refused(offline("--salt", salt), alone);
    refused(offline("--reference", synthetic), alone);
    refused(offline("--salt", "ab", "--reference", synthetic), badHex);
    refused(offline("--salt-file", badSalt, "--holdout", synthetic), badHex);
    refused(
        offline("--salt", salt, "--reference-sha256", "xyz"),
        "--reference-sha256 must be 64 hexadecimal digits");
    refused(
        offline("--salt", salt, "--salt-file", badSalt, "--reference", synthetic),
        "mutually exclusive");
  }

  /** {@code warranty verify} of an empty envelope with an empty key set, and {@code options}. */
  private static CliRun offline(String... options) throws IOException {
    String envelope = Files.writeString(dir.resolve("envelope.json"), "{}").toString();
    String jwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}").toString();
    List<String> args = new ArrayList<>(List.of("warranty", "verify", envelope, "--jwks", jwks));
    args.addAll(List.of(options));
    return CliRun.of(args.toArray(String[]::new));
  }
}
