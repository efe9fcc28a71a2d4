package io.synthos.api.warranties;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Public ES256 keys as a JSON Web Key Set (RFC 7517), and back. */
public final class Jwks {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private Jwks() {}

  /** {@code {"keys": [...]}}, one JWK per key, each named by its thumbprint. */
  public static JsonObject of(Collection<ECPublicKey> keys) {
    JsonArray jwks = new JsonArray();
    keys.forEach(key -> jwks.add(jwk(key)));
    return new JsonObject().put("keys", jwks);
  }

  /** {@code {kty, crv, x, y, kid, alg, use}} with x and y base64url of 32 bytes each. */
  public static JsonObject jwk(ECPublicKey key) {
    return new JsonObject()
        .put("kty", "EC")
        .put("crv", "P-256")
        .put("x", x(key))
        .put("y", y(key))
        .put("kid", thumbprint(key))
        .put("alg", "ES256")
        .put("use", "sig");
  }

  /** The RFC 7638 thumbprint: base64url SHA-256 of the required members in lexicographic order. */
  public static String thumbprint(ECPublicKey key) {
    String canonical =
        "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x(key) + "\",\"y\":\"" + y(key) + "\"}";
    try {
      return URL.encodeToString(
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * The keys of a set by their {@code kid}.
   *
   * @throws IllegalArgumentException when the set or one of its keys is not an ES256 P-256 JWK
   */
  public static Map<String, ECPublicKey> parse(JsonObject jwks) {
    if (jwks == null || !(jwks.getValue("keys") instanceof JsonArray keys)) {
      throw new IllegalArgumentException("a JWKS needs a 'keys' array");
    }
    Map<String, ECPublicKey> byKid = new LinkedHashMap<>();
    for (Object entry : keys) {
      if (!(entry instanceof JsonObject jwk)
          || !"EC".equals(jwk.getValue("kty"))
          || !"P-256".equals(jwk.getValue("crv"))
          || !(jwk.getValue("kid") instanceof String kid)) {
        throw new IllegalArgumentException("each key must be an EC P-256 JWK with a kid");
      }
      byKid.put(kid, P256.publicKey(coordinate(jwk, "x"), coordinate(jwk, "y")));
    }
    return byKid;
  }

  private static BigInteger coordinate(JsonObject jwk, String name) {
    byte[] bytes =
        jwk.getValue(name) instanceof String text ? Base64.getUrlDecoder().decode(text) : null;
    if (bytes == null || bytes.length != P256.COORDINATE_BYTES) {
      throw new IllegalArgumentException("'" + name + "' must be base64url of 32 bytes");
    }
    return new BigInteger(1, bytes);
  }

  private static String x(ECPublicKey key) {
    return URL.encodeToString(P256.coordinate(key.getW().getAffineX()));
  }

  private static String y(ECPublicKey key) {
    return URL.encodeToString(P256.coordinate(key.getW().getAffineY()));
  }
}
