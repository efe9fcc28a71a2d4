package io.synthos.api.warranties;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
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
