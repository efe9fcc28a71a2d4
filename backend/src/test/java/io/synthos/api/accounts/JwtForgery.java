package io.synthos.api.accounts;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds JWTs by hand, independently of the code under test, so tests can present tokens an
 * attacker could make: altered, unsigned, signed with another key, with other claims.
 */
final class JwtForgery {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private JwtForgery() {}

  static JsonObject header(String token) {
    return decode(token.split("\\.")[0]);
  }

  static JsonObject claims(String token) {
    return decode(token.split("\\.")[1]);
  }

  static String hs256(JsonObject header, JsonObject claims, String secret) {
    String signingInput = encode(header) + "." + encode(claims);
    return signingInput + "." + B64.encodeToString(hmac(signingInput, secret));
  }

  static String unsigned(JsonObject header, JsonObject claims) {
    return encode(header) + "." + encode(claims) + ".";
  }

  /** The token with one character of its claims changed, the signature left as it was. */
  static String tampered(String token) {
    String[] parts = token.split("\\.");
    JsonObject claims = decode(parts[1]).put("role", "admin");
    return parts[0] + "." + encode(claims) + "." + parts[2];
  }

  private static String encode(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject decode(String part) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
  }

  private static byte[] hmac(String input, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
