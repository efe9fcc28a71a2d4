package io.synthos.api.warranties;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DSSE envelopes")
class DsseTest {

  @Test
  @DisplayName("PAE matches the DSSE specification's example byte for byte")
  void paeMatchesTheSpecification() {
    byte[] pae =
        Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(pae, StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  @DisplayName("PAE counts bytes, not characters")
  void paeCountsBytes() {
    assertThat(
            new String(Dsse.pae("t", "é".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 1 t 2 é");
  }

  @Test
  @DisplayName("an envelope carries the statement in padded base64 and one signature by key id")
  void envelopeShape() {
    SigningKey key = Fixtures.newKey();
    JsonObject statement = Fixtures.statement("w-1").toJson();

    JsonObject envelope = Dsse.sign(statement, key);

    assertThat(envelope.fieldNames()).containsExactly("payload", "payloadType", "signatures");
    assertThat(envelope.getString("payloadType")).isEqualTo("application/vnd.in-toto+json");
    assertThat(
            new JsonObject(
                new String(
                    Base64.getDecoder().decode(envelope.getString("payload")),
                    StandardCharsets.UTF_8)))
        .isEqualTo(statement);
    assertThat(envelope.getJsonArray("signatures")).hasSize(1);
    assertThat(envelope.getJsonArray("signatures").getJsonObject(0).getString("keyid"))
        .isEqualTo(key.kid());
    // A DER ECDSA signature is a SEQUENCE (0x30) of two INTEGERs.
    assertThat(
            Base64.getDecoder()
                .decode(envelope.getJsonArray("signatures").getJsonObject(0).getString("sig"))[0])
        .isEqualTo((byte) 0x30);
  }
}
