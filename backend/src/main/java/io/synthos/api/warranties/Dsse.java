package io.synthos.api.warranties;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;

/** DSSE v1 envelopes (github.com/secure-systems-lab/dsse): signs a statement with an ES256 key. */
public final class Dsse {

  public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
  static final String ALGORITHM = "SHA256withECDSA";

  private Dsse() {}

  /**
   * The bytes that are signed: {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, LEN the
   * byte length in ASCII decimal, so that the type cannot be swapped under a signature.
   */
  public static byte[] pae(String payloadType, byte[] body) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("DSSEv1 " + type.length + " " + payloadType + " " + body.length + " ")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /**
   * {@code {payload, payloadType, signatures: [{keyid, sig}]}}: the payload is the statement's
   * UTF-8 JSON in padded standard base64, the sig the ASN.1 DER ECDSA signature over its PAE.
   */
  public static JsonObject sign(JsonObject statement, SigningKey key) {
    byte[] payload = statement.encode().getBytes(StandardCharsets.UTF_8);
    byte[] signature;
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(key.privateKey());
      signer.update(pae(PAYLOAD_TYPE, payload));
      signature = signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with key " + key.kid(), e);
    }
    Base64.Encoder base64 = Base64.getEncoder();
    return new JsonObject()
        .put("payload", base64.encodeToString(payload))
        .put("payloadType", PAYLOAD_TYPE)
        .put(
            "signatures",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("keyid", key.kid())
                        .put("sig", base64.encodeToString(signature))));
  }
}
