package io.synthos.platform.config;

import io.synthos.platform.config.SynthosConfig.Mode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which HMAC secret may sign access tokens: one of at least 32 characters that was never public, or
 * none in development mode on one node, where the launcher uses the data directory's own.
 */
final class JwtSecretRule {

  private static final int MIN_LENGTH = 32;

  /**
   * SHA-256 of the JWT secret conf/synthos.yaml shipped until development mode made its own: that
   * value is public, so it is refused wherever it comes from.
   */
  private static final String FORMER_DEFAULT_SHA256 =
      "264231a88ea2d2aca5429ff47f4f121427a90ce90940a97b11cc93625531897e";

  private static final String WHERE =
      "set JWT_SECRET or JWT_SECRET_FILE (or JWT_PRIVATE_KEY_FILE and JWT_PUBLIC_KEY_FILE)";

  private JwtSecretRule() {}

  /**
   * The configured secret, or empty when the launcher may fill in the data directory's own.
   *
   * @param origin where the value came from, for the error line
   * @throws ConfigException when the secret is refused, naming {@code origin}
   */
  static Secret check(Secret secret, String origin, Mode mode, boolean clustered) {
    if (secret.isEmpty()) {
      if (mode == Mode.PRODUCTION) {
        throw new ConfigException(origin, "production mode needs a secret of your own: " + WHERE);
      }
      if (clustered) {
        // Each node would make its own in its own data directory and refuse the others' tokens.
        throw new ConfigException(
            origin, "a cluster needs one secret shared by every node: " + WHERE);
      }
      return secret;
    }
    if (secret.value().length() < MIN_LENGTH) {
      throw new ConfigException(origin, "must be at least " + MIN_LENGTH + " characters");
    }
    if (FORMER_DEFAULT_SHA256.equals(sha256Hex(secret.value()))) {
      throw new ConfigException(
          origin,
          "this is the secret conf/synthos.yaml once shipped, which anyone can read;"
              + " choose your own (e.g. openssl rand -hex 32)");
    }
    return secret;
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }
}
