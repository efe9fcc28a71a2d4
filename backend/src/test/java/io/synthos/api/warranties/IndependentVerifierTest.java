package io.synthos.api.warranties;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.TestResources;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Verifies envelopes the way an outsider would, from the DSSE and JWK specifications alone: no call
 * to Dsse, EnvelopeVerifier or Jwks.parse.
 */
@DisplayName("An independent verifier")
class IndependentVerifierTest {

  @Test
  @DisplayName("accepts a fresh envelope with the key from the published JWKS")
  void acceptsAFreshEnvelope() throws Exception {
    SigningKey key = Fixtures.newKey();
    String envelope = Dsse.sign(Fixtures.statement("w-1").toJson(), key).encode();
    String jwks = Jwks.of(List.of(key.publicKey())).encode();

    assertThat(verifies(envelope, jwks)).isTrue();
  }

  @Test
  @DisplayName("rejects an envelope whose payload was changed after signing")
  void rejectsATamperedPayload() throws Exception {
    SigningKey key = Fixtures.newKey();
    JsonObject envelope = Dsse.sign(Fixtures.statement("w-1").toJson(), key);
    String payload =
        new String(
            Base64.getDecoder().decode(envelope.getString("payload")), StandardCharsets.UTF_8);
    String forged = payload.replace("\"standard\"", "\"premium\"");
    envelope.put(
        "payload", Base64.getEncoder().encodeToString(forged.getBytes(StandardCharsets.UTF_8)));

    assertThat(forged).isNotEqualTo(payload);
    assertThat(verifies(envelope.encode(), Jwks.of(List.of(key.publicKey())).encode())).isFalse();
  }

  @Test
  @DisplayName(
      "confirms the reference and the holdout with the salt and the files, and nothing else")
  void checksTheCommitments() throws Exception {
    byte[] real = "age,plan\n41,basic\n".getBytes(StandardCharsets.UTF_8);
    byte[] holdout = "age,plan\n37,premium\n".getBytes(StandardCharsets.UTF_8);
    String envelope =
        Dsse.sign(
                Fixtures.statement("w-1", sha256(real), sha256(holdout)).toJson(),
                Fixtures.newKey())
            .encode();
    String otherSalt = "0f".repeat(32);

    assertThat(OutsiderVerifier.commits(envelope, "reference", Fixtures.SALT, real)).isTrue();
    assertThat(OutsiderVerifier.commits(envelope, "holdout", Fixtures.SALT, holdout)).isTrue();
    assertThat(OutsiderVerifier.commits(envelope, "reference", Fixtures.SALT, holdout)).isFalse();
    assertThat(OutsiderVerifier.commits(envelope, "reference", otherSalt, real)).isFalse();
    assertThat(envelope).doesNotContain(sha256(real), sha256(holdout), Fixtures.SALT);
  }

  @Test
  @DisplayName("accepts the envelope the v1 issuer signed, with its published keys")
  void acceptsAV1Envelope() throws Exception {
    assertThat(
            verifies(
                TestResources.text(Fixtures.V1_ENVELOPE), TestResources.text(Fixtures.V1_JWKS)))
        .isTrue();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static boolean verifies(String envelope, String jwks) throws Exception {
    return OutsiderVerifier.verifies(envelope, jwks);
  }
}
