package io.synthos.auth.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Redis key names for a subject, hashed so that no email or IP address is stored as a key. */
final class SubjectKeys {

  private static final String PREFIX = "synthos:rl:";

  private SubjectKeys() {}

  /** {@code synthos:rl:<bucket>:<sha256-hex of subject>}. */
  static String of(String bucket, String subject) {
    if (bucket.isBlank() || bucket.indexOf(':') >= 0) {
      throw new IllegalArgumentException("bucket must be non-blank, without ':': " + bucket);
    }
    return PREFIX + bucket + ":" + hex("SHA-256", subject);
  }

  static String hex(String algorithm, String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK ships " + algorithm, e);
    }
  }
}
