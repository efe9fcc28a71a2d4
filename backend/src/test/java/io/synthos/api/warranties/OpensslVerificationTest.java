package io.synthos.api.warranties;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.Repository;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warranties verify with a standard tool and nothing of ours: OpenSSL, when it is installed. */
@DisplayName("Offline verification with OpenSSL")
class OpensslVerificationTest {

  @TempDir Path work;

  @BeforeAll
  static void needsOpenssl() {
    Assumptions.assumeTrue(
        run(List.of("openssl", "version")).exit() == 0, "openssl is not on PATH");
  }

  @Test
  @DisplayName("openssl dgst verifies the PAE of a fresh envelope and refuses a tampered one")
  void verifiesWithOpenssl() throws Exception {
    SigningKey key = Fixtures.newKey();
    JsonObject envelope = Dsse.sign(Fixtures.statement("w-1").toJson(), key);
    JsonObject jwks = Jwks.of(List.of(key.publicKey()));
    JsonObject signature = envelope.getJsonArray("signatures").getJsonObject(0);
    byte[] body = Base64.getDecoder().decode(envelope.getString("payload"));
    String type = envelope.getString("payloadType");
    byte[] header =
        ("DSSEv1 " + type.length() + " " + type + " " + body.length + " ")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] pae = new byte[header.length + body.length];
    System.arraycopy(header, 0, pae, 0, header.length);
    System.arraycopy(body, 0, pae, header.length, body.length);
    byte[] spki = OutsiderVerifier.publicKey(jwks, signature.getString("keyid")).getEncoded();
    Files.writeString(
        work.resolve("pub.pem"),
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(spki)
            + "\n-----END PUBLIC KEY-----\n");
    Files.write(work.resolve("sig.der"), Base64.getDecoder().decode(signature.getString("sig")));
    Files.write(work.resolve("pae.bin"), pae);
    pae[pae.length - 2] ^= 1;
    Files.write(work.resolve("tampered.bin"), pae);

    Result good = run(dgst("pae.bin"));
    Result tampered = run(dgst("tampered.bin"));

    assertThat(good.exit()).isZero();
    assertThat(good.output()).contains("Verified OK");
    assertThat(tampered.exit()).isNotZero();
    assertThat(tampered.output()).contains("Verification failure").doesNotContain("Verified OK");
  }

  @Test
  @DisplayName("a key made by openssl genpkey loads, with the public key openssl derives from it")
  void loadsAnOpensslKey() throws Exception {
    assertThat(
            run(List.of(
                    "openssl",
                    "genpkey",
                    "-algorithm",
                    "EC",
                    "-pkeyopt",
                    "ec_paramgen_curve:P-256",
                    "-out",
                    work.resolve("key.pem").toString()))
                .exit())
        .isZero();
    assertThat(
            run(List.of(
                    "openssl",
                    "pkey",
                    "-in",
                    work.resolve("key.pem").toString(),
                    "-pubout",
                    "-outform",
                    "DER",
                    "-out",
                    work.resolve("pub.der").toString()))
                .exit())
        .isZero();

    SigningKeys keys = SigningKeys.fromPemFile(work.resolve("key.pem"));

    assertThat(keys.signer().publicKey().getEncoded())
        .isEqualTo(Files.readAllBytes(work.resolve("pub.der")));
  }

  @Test
  @DisplayName(
      "the README's recipe, run as written, verifies an envelope and checks its commitments")
  void readmeRecipe() throws Exception {
    for (String tool : List.of("bash", "jq", "base64", "awk", "sha256sum", "python3")) {
      Assumptions.assumeTrue(
          run(List.of("bash", "-c", "command -v " + tool)).exit() == 0, tool + " is not on PATH");
    }
    byte[] synthetic = "age,plan\n41,basic\n".getBytes(StandardCharsets.UTF_8);
    byte[] real = "age,plan\n39,basic\n".getBytes(StandardCharsets.UTF_8);
    byte[] holdout = "age,plan\n52,premium\n".getBytes(StandardCharsets.UTF_8);
    Instant now = Instant.now();
    WarrantyStatement statement =
        new WarrantyStatement(
            new WarrantyStatement.Subject("synthetic.csv", sha256(synthetic)),
            new WarrantyStatement.Commitments(
                Commitment.of(Fixtures.SALT, sha256(real)),
                Commitment.of(Fixtures.SALT, sha256(holdout))),
            "w-1",
            "val-7",
            "basic",
            new JsonObject().put("score", 70.1),
            WarrantyTiers.defaults().tier("basic").toJson(),
            "1",
            now,
            now.plus(Duration.ofDays(1)),
            "synthos");
    SigningKey key = Fixtures.newKey();
    Files.writeString(work.resolve("envelope.json"), Dsse.sign(statement.toJson(), key).encode());
    Files.writeString(work.resolve("jwks.json"), Jwks.of(List.of(key.publicKey())).encode());
    Files.write(work.resolve("synthetic.csv"), synthetic);
    Files.write(work.resolve("real.csv"), real);
    Files.write(work.resolve("holdout.csv"), holdout);
    Files.writeString(work.resolve("salt.txt"), Fixtures.SALT + "\n");
    List<String> recipe = List.of("bash", "-c", readmeRecipeText());

    Result right = run(recipe, work);
    Files.writeString(work.resolve("salt.txt"), "ee".repeat(32) + "\n");
    Result wrongSalt = run(recipe, work);
    Files.writeString(work.resolve("salt.txt"), Fixtures.SALT + "\n");
    Files.write(work.resolve("real.csv"), holdout);
    Result wrongFile = run(recipe, work);

    assertThat(right.output())
        .contains(
            key.kid(),
            "Verified OK",
            "dataset matches",
            "not expired",
            "reference matches",
            "holdout matches",
            Commitment.of(Fixtures.SALT, sha256(real)));
    assertThat(wrongSalt.output())
        .contains("Verified OK")
        .doesNotContain("reference matches", "holdout matches");
    assertThat(wrongFile.output()).contains("holdout matches").doesNotContain("reference matches");
  }

  /** The shell blocks of the README's "Verify a warranty offline", one after the other. */
  private static String readmeRecipeText() throws IOException {
    String readme = Files.readString(Repository.file("README.md"));
    int start = readme.indexOf("## Verify a warranty offline");
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    Matcher block = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(section);
    StringBuilder script = new StringBuilder();
    while (block.find()) {
      script.append(block.group(1)).append('\n');
    }
    assertThat(script).contains("hexkey:", "hmac.new", "openssl dgst -sha256 -verify");
    return script.toString();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private List<String> dgst(String data) {
    return List.of(
        "openssl",
        "dgst",
        "-sha256",
        "-verify",
        work.resolve("pub.pem").toString(),
        "-signature",
        work.resolve("sig.der").toString(),
        work.resolve(data).toString());
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command) {
    return run(command, null);
  }

  /** Runs {@code command} in {@code directory} (null: this one), its stderr with its stdout. */
  private static Result run(List<String> command, Path directory) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory == null ? null : directory.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, output);
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.getMessage());
    }
  }
}
