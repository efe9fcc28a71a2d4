package io.synthos.api.warranties;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A salted commitment to a dataset a warranty does not name: HMAC-SHA256 keyed with the warranty's
 * salt (32 random bytes, written as 64 lowercase hex digits) over the dataset's SHA-256 written as
 * 64 lowercase hex digits (their ASCII bytes), in lowercase hex. Without the salt it tells nothing
 * about the dataset; with it, anyone holding the file can check it.
 */
public final class Commitment {

  /** How statements name the scheme. */
  public static final String ALGORITHM = "hmac-sha256";

  private static final int SALT_BYTES = 32;
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final HexFormat HEX = HexFormat.of();

  private Commitment() {}

  /** A fresh salt for one warranty. */
  static String newSalt(SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return HEX.formatHex(salt);
  }

  /**
   * The commitment to the dataset whose SHA-256 is {@code sha256} under {@code salt}.
   *
   * @throws IllegalArgumentException when either is not 64 hex digits
   */
  public static String of(String salt, String sha256) {
    byte[] key = HEX.parseHex(hex64(salt, "salt"));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return HEX.formatHex(
          mac.doFinal(hex64(sha256, "sha256").getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Whether {@code commitment} commits to the dataset {@code sha256} under {@code salt}. */
  public static boolean opens(String commitment, String salt, String sha256) {
    return commitment != null
        && MessageDigest.isEqual(
            commitment.getBytes(StandardCharsets.US_ASCII),
            of(salt, sha256).getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether {@code text} is 64 hex digits, either case: a salt or a SHA-256 as people paste it. */
  public static boolean isHex64(String text) {
    return text != null && HEX64.matcher(text.toLowerCase(Locale.ROOT)).matches();
  }

  private static String hex64(String text, String what) {
    if (!isHex64(text)) {
      throw new IllegalArgumentException("a " + what + " is 64 hexadecimal digits");
    }
    return text.toLowerCase(Locale.ROOT);
  }
}
