package io.synthos.api.warranties;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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

  private static boolean verifies(String envelope, String jwks) throws Exception {
    return OutsiderVerifier.verifies(envelope, jwks);
  }
}
