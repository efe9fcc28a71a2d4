package io.synthos.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Decides whether a new password may be used: 10–128 characters and not a common password. */
public final class PasswordPolicy {

  static final int MIN_LENGTH = 10;
  static final int MAX_LENGTH = 128;
  static final String COMMON_PASSWORDS = "/auth/common-passwords.txt";

  private final Set<String> common;

  private PasswordPolicy(Set<String> common) {
    this.common = common;
  }

  /** The policy with the bundled list; the first call reads it (~250 KB, once per JVM). */
  public static PasswordPolicy bundled() {
    return new PasswordPolicy(Common.PASSWORDS);
  }

  /** The answer when the password is refused; empty when it is accepted. */
  public Optional<String> problem(String password) {
    if (password == null) {
      return Optional.of("A password is required.");
    }
    // Judge the form the hasher stores (NFKC), counting code points so an emoji is one.
    String normalized = Normalizer.normalize(password, Normalizer.Form.NFKC);
    int length = normalized.codePointCount(0, normalized.length());
    if (length < MIN_LENGTH) {
      return Optional.of("The password must be at least " + MIN_LENGTH + " characters long.");
    }
    if (length > MAX_LENGTH) {
      return Optional.of("The password must be at most " + MAX_LENGTH + " characters long.");
    }
    if (common.contains(normalized.strip().toLowerCase(Locale.ROOT))) {
      return Optional.of("This password is too common; choose one that is harder to guess.");
    }
    return Optional.empty();
  }

  static Set<String> commonPasswords() {
    return Common.PASSWORDS;
  }

  // A holder class, so the list is read once, on first use, by whichever thread gets there first.
  private static final class Common {
    static final Set<String> PASSWORDS = read();

    private static Set<String> read() {
      InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS);
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + COMMON_PASSWORDS);
      }
      Set<String> words = new HashSet<>();
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        reader.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(words::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + COMMON_PASSWORDS, e);
      }
      return Set.copyOf(words);
    }
  }
}
