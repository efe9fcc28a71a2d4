package io.synthos.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random bearer secrets (refresh tokens, API keys) and the SHA-256 under which they are stored. */
final class SecretTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private SecretTokens() {}

  /** 256 random bits, URL-safe, with a prefix that says what the secret is for. */
  static String generate(String prefix) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + URL.encodeToString(bytes);
  }

  /** What the database keeps instead of the secret: a lookup needs the secret itself. */
  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static String sha256Hex(String text) {
    return java.util.HexFormat.of().formatHex(sha256(text));
  }
}
