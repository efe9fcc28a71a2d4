package io.synthos.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Optional;

/**
 * Hashes and verifies passwords with Argon2id, stored as PHC strings. Every method is blocking and
 * CPU- and memory-heavy (tens of milliseconds): call it from a worker thread, never an event loop.
 */
public final class PasswordHasher {

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final String DUMMY_PASSWORD = "synthos-dummy-password-for-unknown-users";

  private final Argon2Settings settings;
  private final SecureRandom random = new SecureRandom();
  // Made on first use, so building a hasher on an event loop costs nothing; a race only
  // computes it twice.
  private volatile String dummy;

  public PasswordHasher(Argon2Settings settings) {
    this.settings = settings;
  }

  /** Hashes {@code password} with a fresh random salt and the current cost. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return hash(password, salt);
  }

  /** Same as {@link #hash(String)} with a chosen salt, so tests can compare with libargon2. */
  String hash(String password, byte[] salt) {
    return Argon2Hash.compute(utf8(password), salt, Argon2Hash.VERSION_13, settings, HASH_BYTES)
        .encode();
  }

  /**
   * True when {@code password} matches {@code encoded}, whatever cost and version it was hashed
   * with; false, never an exception, when {@code encoded} is not an Argon2id PHC string.
   */
  public boolean verify(String password, String encoded) {
    Optional<Argon2Hash> stored = Argon2Hash.parse(encoded);
    if (password == null || stored.isEmpty()) {
      return false;
    }
    Argon2Hash expected = stored.get();
    try {
      Argon2Hash actual =
          Argon2Hash.compute(
              utf8(password),
              expected.salt(),
              expected.version(),
              expected.settings(),
              expected.hash().length);
      // Constant time, so the comparison leaks nothing about how many bytes matched.
      return MessageDigest.isEqual(actual.hash(), expected.hash());
    } catch (IllegalArgumentException | IllegalStateException rejectedByBouncyCastle) {
      return false;
    }
  }

  /** True when {@code encoded} was made with a lower cost, an older version, or is unreadable. */
  public boolean needsRehash(String encoded) {
    return Argon2Hash.parse(encoded)
        .map(
            stored ->
                stored.version() < Argon2Hash.VERSION_13
                    || stored.settings().weakerThan(settings)
                    || stored.salt().length < SALT_BYTES
                    || stored.hash().length < HASH_BYTES)
        .orElse(true);
  }

  /**
   * Does the work of one {@link #verify} against a fixed hash and discards the answer, so that a
   * login for an unknown user takes as long as one with a wrong password.
   */
  public void verifyDummy(String password) {
    String known = dummy;
    if (known == null) {
      known = hash(DUMMY_PASSWORD);
      dummy = known;
    }
    verify(password == null ? "" : password, known);
  }

  private static byte[] utf8(String password) {
    // NFKC (NIST SP 800-63B §5.1.1.2): the same typed password hashes the same whichever
    // keyboard or OS composed its accents.
    return Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8);
  }
}
