package io.synthos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.api.warranties.Jwks;
import io.synthos.testing.EventStream;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestDatasets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end: {@code validate} on a node of its own and against a server, the
 * server commands, and warranties requested and verified offline. One shared server node; the local
 * {@code validate} starts one more, on the embedded PostgreSQL and Redis a user gets.
 */
@Tag("slow")
@DisplayName("The command line, with real nodes")
class CommandLineFlowTest {

  @RegisterExtension static final NodeExtension node = NodeExtension.allServices();

  @TempDir static Path dir;
  private static Path real;
  private static Path synthetic;
  private static Path earlier;
  private static String apiKey;
  private static String serverValidation;
  private static JsonObject serverReport;

  /** The same files validated by the server through its API, as the reference. */
  @BeforeAll
  static void serverValidates() throws Exception {
    real = Files.writeString(dir.resolve("real.csv"), TestDatasets.people(300, 1));
    earlier = Files.writeString(dir.resolve("generation-1.csv"), TestDatasets.people(300, 2));
    synthetic = Files.writeString(dir.resolve("synthetic.csv"), TestDatasets.people(300, 3));
    String token = node.newAccessToken();
    Response key =
        HttpProbe.postJson(
            node.url("/api/v1/auth/api-keys"),
            new JsonObject().put("name", "cli test"),
            "Authorization",
            "Bearer " + token);
    assertThat(key.status()).as(key.body()).isEqualTo(201);
    apiKey = key.json().getString("key");
    Response created =
        HttpProbe.postJson(
            node.url("/api/v1/validations/create"),
            new JsonObject()
                .put("dataset_id", ready(token, synthetic))
                .put("reference_dataset_id", ready(token, real))
                .put("generations", new JsonArray().add(ready(token, earlier)))
                .put("target_column", "member")
                .put("options", new JsonObject().put("priority", "express")),
            "Authorization",
            "Bearer " + token);
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    serverValidation = created.json().getString("validation_id");
    EventStream.read(
        node.url("/api/v1/validations/" + serverValidation + "/events"),
        event -> {},
        "Authorization",
        "Bearer " + token);
    JsonObject validation =
        HttpProbe.get(
                node.url("/api/v1/validations/" + serverValidation),
                "Authorization",
                "Bearer " + token)
            .json();
    assertThat(validation.getString("status")).as(validation.encode()).isEqualTo("completed");
    serverReport = validation.getJsonObject("report");
  }

  private static String ready(String token, Path file) throws Exception {
    return TestDatasets.ready(node, token, file.getFileName().toString(), Files.readString(file));
  }

  /** The environment of a CI job that talks to the shared node. */
  private static Map<String, String> serverEnv() {
    return Map.of("SYNTHOS_SERVER", node.url(""), "SYNTHOS_API_KEY", apiKey);
  }

  private static List<String> validateArgs(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "validate",
                "--synthetic",
                synthetic.toString(),
                "--real",
                real.toString(),
                "--target",
                "member",
                "--generations",
                earlier.toString()));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  @DisplayName(
      "validate on a node of its own gives the server's numbers, writes JSON and HTML, exits 0")
  void localValidate() throws Exception {
    Path json = dir.resolve("local/report.json");
    Path html = dir.resolve("local/report.html");
    List<String> args =
        validateArgs(
            "--min-score",
            "0",
            "--max-collapse-risk",
            "high",
            "--out",
            json.toString(),
            "--html",
            html.toString());

    CliRun run = CliRun.with(Map.of(), Map.of(), args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonObject local = new JsonObject(Files.readString(json));
    assertThat(withoutIds(local)).as("report").isEqualTo(withoutIds(serverReport));
    assertThat(Files.readString(html)).contains("<svg").doesNotContain("<script");
    assertThat(run.out())
        .contains("score        " + String.format("%.1f", serverReport.getDouble("score")))
        .contains("fidelity", "privacy", "utility", "detection", "worst columns")
        .contains("met    --min-score 0", "met    --max-collapse-risk high");
    assertThat(run.err()).contains("local node ready", "uploading", "100%  completed");
  }

  @Test
  @DisplayName("validate against a server exits 1 naming each unmet threshold, and writes the JSON")
  void remoteValidateUnmet() throws Exception {
    Path json = dir.resolve("remote.json");
    List<String> args =
        validateArgs("--min-score", "100", "--max-collapse-risk", "none", "--out", json.toString());

    CliRun run = CliRun.with(serverEnv(), Map.of(), args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("UNMET  --min-score 100: the score is ");
    assertThat(run.err()).contains("synthos: --min-score 100: the score is ");
    String risk = serverReport.getJsonObject("collapse").getString("risk");
    assertThat(run.out())
        .contains(
            ("none".equals(risk) ? "met    " : "UNMET  ")
                + "--max-collapse-risk none: the collapse risk is "
                + risk);
    JsonObject remote = new JsonObject(Files.readString(json));
    assertThat(withoutIds(remote)).as("report").isEqualTo(withoutIds(serverReport));
  }

  @Test
  @DisplayName("validate gives up with exit code 1 once its --timeout passes, saying where it was")
  void timeout() {
    CliRun run =
        CliRun.with(
            serverEnv(),
            Map.of(),
            "validate",
            "--synthetic",
            synthetic.toString(),
            "--timeout",
            "1ms");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("synthos: timed out after 1ms waiting for ");
  }

  @Test
  @DisplayName("upload, status and report talk to a server with an API key")
  void serverCommands() throws Exception {
    Map<String, String> env = serverEnv();

    CliRun upload = CliRun.with(env, Map.of(), "upload", synthetic.toString());
    CliRun status = CliRun.with(env, Map.of(), "status", serverValidation);
    CliRun waited = CliRun.with(env, Map.of(), "status", serverValidation, "--wait");
    CliRun report = CliRun.with(env, Map.of(), "report", serverValidation);
    Path page = dir.resolve("page.html");
    CliRun html =
        CliRun.with(env, Map.of(), "report", serverValidation, "--html", "--out", page.toString());
    CliRun unknown = CliRun.with(env, Map.of(), "status", "3f6c2b1a-9e8d-4c7b-a6f5-e4d3c2b1a098");
    CliRun badKey =
        CliRun.with(
            Map.of(),
            Map.of(),
            "status",
            serverValidation,
            "--server",
            node.url(""),
            "--api-key",
            "sk_wrong");

    assertThat(upload.exitCode()).as(upload.err()).isZero();
    assertThat(upload.out()).matches("[0-9a-f-]{36}  ready  300 rows  4 columns  synthetic.csv\\n");
    assertThat(status.exitCode()).isZero();
    assertThat(status.out()).contains("status       completed", "progress     100%");
    assertThat(waited.exitCode()).as(waited.err()).isZero();
    assertThat(waited.out()).isEqualTo(status.out());
    assertThat(waited.err()).contains("100%  completed");
    assertThat(report.exitCode()).isZero();
    assertThat(new JsonObject(report.out())).isEqualTo(serverReport);
    assertThat(html.exitCode()).isZero();
    assertThat(Files.readString(page)).contains("<svg", serverValidation);
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("404");
    assertThat(badKey.exitCode()).isEqualTo(2);
    assertThat(badKey.err()).contains("401");
  }

  @Test
  @DisplayName(
      "warranty request saves a real envelope and its salt that verify accepts offline, and"
          + " refuses a tier unmet")
  void warranties() throws Exception {
    Path envelope = dir.resolve("envelope.json");
    Path salt = dir.resolve("salt.txt");
    Path jwks =
        Files.writeString(
            dir.resolve("jwks.json"), HttpProbe.get(node.url("/.well-known/jwks.json")).body());

    CliRun issued =
        CliRun.with(
            serverEnv(),
            Map.of(),
            "warranty",
            "request",
            serverValidation,
            "--tier",
            "basic",
            "--out",
            envelope.toString(),
            "--salt-out",
            salt.toString());
    CliRun premium =
        CliRun.with(
            serverEnv(), Map.of(), "warranty", "request", serverValidation, "--tier", "premium");

    assertThat(issued.exitCode()).as(issued.err()).isZero();
    assertThat(premium.exitCode()).as(premium.err()).isEqualTo(1);
    assertThat(premium.err()).contains("does not meet the premium tier", "score: required 85");

    CliRun valid = verify(envelope, "--jwks", jwks.toString(), "--file", synthetic.toString());
    assertThat(valid.exitCode()).as(valid.out() + valid.err()).isZero();
    assertThat(valid.out())
        .startsWith("VALID")
        .contains(
            "tier         basic",
            "dataset      matches",
            "reference    committed, not checked",
            "holdout      none read");
    assertThat(Files.readString(salt)).matches("[0-9a-f]{64}\n");
    assertThat(issued.out() + issued.err()).doesNotContain(Files.readString(salt).strip());
    if (salt.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(salt)))
          .isEqualTo("rw-------");
    }
    String saltHex = Files.readString(salt).strip();
    CliRun committed =
        offline(envelope, jwks, "--salt-file", salt.toString(), "--reference", real.toString());
    CliRun bySha =
        offline(envelope, jwks, "--salt", saltHex, "--reference-sha256", Uploads.sha256(real));
    assertThat(committed.exitCode()).as(committed.out() + committed.err()).isZero();
    assertThat(committed.out()).contains("reference    matches its commitment");
    assertThat(bySha.exitCode()).as(bySha.out() + bySha.err()).isZero();
    for (List<String> wrong :
        List.of(
            List.of("--salt", saltHex, "--reference", earlier.toString()),
            List.of("--salt", "0".repeat(64), "--reference", real.toString()),
            List.of("--salt", saltHex, "--holdout", real.toString()))) {
      assertInvalid(offline(envelope, jwks, wrong.toArray(String[]::new)), "commitment-mismatch");
    }
    CliRun online = verify(envelope, "--server", node.url(""));
    assertThat(online.exitCode()).as(online.err()).isZero();
    assertThat(online.out()).contains("dataset      not checked");
    CliRun byUrl = verify(envelope, "--jwks", node.url("/.well-known/jwks.json"));
    assertThat(byUrl.exitCode()).as(byUrl.err()).isZero();

    JsonObject tampered = new JsonObject(Files.readString(envelope));
    JsonObject statement =
        new JsonObject(new String(Base64.getDecoder().decode(tampered.getString("payload"))));
    statement.getJsonObject("predicate").put("tier", "premium");
    tampered.put(
        "payload",
        Base64.getEncoder().encodeToString(statement.encode().getBytes(StandardCharsets.UTF_8)));
    Path forged = Files.writeString(dir.resolve("forged.json"), tampered.encode());
    Path otherKeys = Files.writeString(dir.resolve("other-jwks.json"), otherJwks());

    assertInvalid(verify(forged, "--jwks", jwks.toString()), "bad-signature");
    assertInvalid(
        verify(envelope, "--jwks", jwks.toString(), "--sha256", "0".repeat(64)), "digest-mismatch");
    assertInvalid(
        verify(envelope, "--jwks", jwks.toString(), "--file", real.toString()), "digest-mismatch");
    assertInvalid(verify(envelope, "--jwks", otherKeys.toString()), "unknown-key");
  }

  /** {@code warranty verify} with the keys from a file, and {@code options}. */
  private static CliRun offline(Path envelope, Path jwks, String... options) {
    List<String> args = new ArrayList<>(List.of("--jwks", jwks.toString()));
    args.addAll(List.of(options));
    return verify(envelope, args.toArray(String[]::new));
  }

  private static CliRun verify(Path envelope, String... options) {
    List<String> args = new ArrayList<>(List.of("warranty", "verify", envelope.toString()));
    args.addAll(List.of(options));
    return CliRun.with(Map.of(), Map.of(), args.toArray(String[]::new));
  }

  private static void assertInvalid(CliRun run, String reason) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).startsWith("INVALID: " + reason + ": ");
  }

  /** A key set holding one fresh key that signed nothing. */
  private static String otherJwks() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
    return Jwks.of(List.of(key)).encode();
  }

  /** The report without what names this node's records: dataset ids differ between nodes. */
  private static Object withoutIds(Object tree) {
    if (tree instanceof JsonObject object) {
      JsonObject copy = new JsonObject();
      object.forEach(
          entry -> {
            if (!entry.getKey().endsWith("dataset_id") && !entry.getKey().endsWith("_at")) {
              copy.put(entry.getKey(), withoutIds(entry.getValue()));
            }
          });
      return copy;
    }
    if (tree instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(item -> copy.add(withoutIds(item)));
      return copy;
    }
    return tree;
  }
}
