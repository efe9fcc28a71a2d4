package io.synthos.api.warranties;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies an envelope the way an outsider would, from the DSSE and JWK specifications, the
 * README's description of the commitments and the JDK's own {@link Signature} and {@link Mac}
 * alone: no Synthos code is called.
 */
final class OutsiderVerifier {

  private OutsiderVerifier() {}

  /** Whether the envelope's first signature verifies with the JWKS key its keyid names. */
  static boolean verifies(String envelopeText, String jwksText) throws Exception {
    JsonObject envelope = new JsonObject(envelopeText);
    byte[] body = Base64.getDecoder().decode(envelope.getString("payload"));
    String type = envelope.getString("payloadType");
    JsonObject signature = envelope.getJsonArray("signatures").getJsonObject(0);

    ByteArrayOutputStream pae = new ByteArrayOutputStream();
    pae.writeBytes(
        ("DSSEv1 "
                + type.getBytes(StandardCharsets.UTF_8).length
                + " "
                + type
                + " "
                + body.length
                + " ")
            .getBytes(StandardCharsets.UTF_8));
    pae.writeBytes(body);

    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(publicKey(new JsonObject(jwksText), signature.getString("keyid")));
    verifier.update(pae.toByteArray());
    return verifier.verify(Base64.getDecoder().decode(signature.getString("sig")));
  }

  /**
   * Whether the statement's commitment to {@code dataset} ("reference" or "holdout") is the
   * HMAC-SHA256, keyed with the bytes of the hex {@code salt}, of the lowercase hex SHA-256 of
   * {@code file}, as the README says.
   */
  static boolean commits(String envelopeText, String dataset, String salt, byte[] file)
      throws Exception {
    JsonObject envelope = new JsonObject(envelopeText);
    JsonObject statement =
        new JsonObject(
            new String(
                Base64.getDecoder().decode(envelope.getString("payload")), StandardCharsets.UTF_8));
    String committed =
        statement.getJsonObject("predicate").getJsonObject("commitments").getString(dataset);
    String digest = hex(MessageDigest.getInstance("SHA-256").digest(file));
    Mac hmac = Mac.getInstance("HmacSHA256");
    byte[] key = new byte[salt.length() / 2];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) Integer.parseInt(salt.substring(2 * i, 2 * i + 2), 16);
    }
    hmac.init(new SecretKeySpec(key, "HmacSHA256"));
    return hex(hmac.doFinal(digest.getBytes(StandardCharsets.US_ASCII))).equals(committed);
  }

  private static String hex(byte[] bytes) {
    StringBuilder hex = new StringBuilder();
    for (byte b : bytes) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  /** The JWK with that kid, rebuilt from its x and y with the JDK's own P-256 parameters. */
  static PublicKey publicKey(JsonObject jwks, String kid) throws Exception {
    JsonArray keys = jwks.getJsonArray("keys");
    for (int i = 0; i < keys.size(); i++) {
      JsonObject jwk = keys.getJsonObject(i);
      if (kid.equals(jwk.getString("kid"))) {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point =
            new ECPoint(
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("x"))),
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("y"))));
        return KeyFactory.getInstance("EC")
            .generatePublic(
                new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
      }
    }
    throw new AssertionError("no key " + kid + " in the JWKS");
  }
}
