package io.synthos.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.synthos.testing.TestResources;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Password hasher")
class PasswordHasherTest {

  // Cheapest legal cost: these tests are about behaviour, not strength.
  private static final Argon2Settings CHEAP = new Argon2Settings(64, 1, 1);
  private static final String SALT = "c29tZXNhbHQxMjM0NTY3OA";
  private static final String HASH = "TC1NOmvlUzr7tugulKpdYk0gHLQBuCXx1m1ykuYZpuw";
  // HASH with one character from the URL-safe alphabet, which PHC strings do not use.
  private static final String URL_SAFE_HASH = "TC1NOmvlUzr7tugulKpdYk0gHLQB-CXx1m1ykuYZpuw";

  private final PasswordHasher hasher = new PasswordHasher(CHEAP);

  /** A password and the PHC string libargon2's CLI made from it. */
  record Reference(String password, String encoded) {
    @Override
    public String toString() {
      return encoded;
    }
  }

  static Stream<Reference> references() throws IOException {
    return TestResources.text("/auth/argon2id-reference.txt")
        .lines()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.split("\t"))
        .map(fields -> new Reference(fields[0], fields[1]));
  }

  static Stream<Reference> currentVersionReferences() throws IOException {
    return references().filter(reference -> reference.encoded().startsWith("$argon2id$v=19$"));
  }

  @ParameterizedTest(name = "accepts libargon2''s {0} for its password and refuses another")
  @MethodSource("references")
  void verifiesReferenceHashes(Reference reference) {
    assertThat(hasher.verify(reference.password(), reference.encoded())).isTrue();
    assertThat(hasher.verify(reference.password() + "!", reference.encoded())).isFalse();
  }

  @ParameterizedTest(name = "hashes to exactly libargon2''s {0} given its salt and cost")
  @MethodSource("currentVersionReferences")
  void matchesReferenceBytes(Reference reference) {
    Argon2Hash parsed = Argon2Hash.parse(reference.encoded()).orElseThrow();
    PasswordHasher sameCost = new PasswordHasher(parsed.settings());

    assertThat(sameCost.hash(reference.password(), parsed.salt())).isEqualTo(reference.encoded());
  }

  @Test
  @DisplayName("Bouncy Castle reproduces the RFC 9106 Argon2id test vector")
  void rfc9106Vector() {
    byte[] password = filled(32, 0x01);
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(32)
            .withIterations(3)
            .withParallelism(4)
            .withSalt(filled(16, 0x02))
            .withSecret(filled(8, 0x03))
            .withAdditional(filled(12, 0x04))
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] tag = new byte[32];
    generator.generateBytes(password, tag);

    assertThat(HexFormat.of().formatHex(tag))
        .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
  }

  @Test
  @DisplayName("a hash verifies its own password and no other")
  void roundTrip() {
    String encoded = hasher.hash("correct horse battery staple");

    assertThat(hasher.verify("correct horse battery staple", encoded)).isTrue();
    assertThat(hasher.verify("correct horse battery stapler", encoded)).isFalse();
    assertThat(hasher.verify("", encoded)).isFalse();
    assertThat(hasher.verify(null, encoded)).isFalse();
  }

  @Test
  @DisplayName("hashes are PHC strings with a 16-byte salt and a 32-byte hash")
  void phcShape() {
    assertThat(hasher.hash("correct horse battery staple"))
        .matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
  }

  @Test
  @DisplayName("two hashes of one password differ, because each gets its own salt")
  void freshSalt() {
    assertThat(hasher.hash("correct horse battery staple"))
        .isNotEqualTo(hasher.hash("correct horse battery staple"));
  }

  @Test
  @DisplayName("the same text verifies whether its accents came composed or decomposed")
  void unicodeNormalization() {
    String encoded = hasher.hash("caf\u00e9 au lait 42");

    assertThat(hasher.verify("cafe\u0301 au lait 42", encoded)).isTrue();
  }

  @ParameterizedTest(name = "refuses, without throwing, the malformed hash \"{0}\"")
  @NullSource
  @ValueSource(
      strings = {
        "",
        "plain",
        "$argon2id$",
        "$argon2id$v=19$m=64,t=1,p=1$" + SALT,
        "$argon2id$v=19$m=64,t=1,p=1$" + SALT + "$" + HASH + "$extra",
        "$argon2i$v=19$m=1024,t=2,p=1$" + SALT + "$" + HASH,
        "$argon2d$v=19$m=1024,t=2,p=1$" + SALT + "$" + HASH,
        "argon2id$v=19$m=1024,t=2,p=1$" + SALT + "$" + HASH,
        "$argon2id$v=20$m=1024,t=2,p=1$" + SALT + "$" + HASH,
        "$argon2id$v=19$m=1024,t=2$" + SALT + "$" + HASH,
        "$argon2id$v=19$t=2,m=1024,p=1$" + SALT + "$" + HASH,
        "$argon2id$v=19$m=1024,t=0,p=1$" + SALT + "$" + HASH,
        "$argon2id$v=19$m=1024,t=2,p=0$" + SALT + "$" + HASH,
        "$argon2id$v=19$m=7,t=2,p=1$" + SALT + "$" + HASH,
        "$argon2id$v=19$m=999999999,t=2,p=1$" + SALT + "$" + HASH,
        "$argon2id$v=19$m=99999999999,t=2,p=1$" + SALT + "$" + HASH,
        "$argon2id$v=19$m=1024,t=2,p=1$!!not*base64!!$" + HASH,
        "$argon2id$v=19$m=1024,t=2,p=1$" + SALT + "$" + HASH + "=",
        "$argon2id$v=19$m=1024,t=2,p=1$" + SALT + "$" + URL_SAFE_HASH,
        "$argon2id$v=19$m=1024,t=2,p=1$c2FsdA$" + HASH,
        "$argon2id$v=19$m=1024,t=2,p=1$" + SALT + "$AAAA",
        "$argon2id$v=19$m=1024,t=2,p=1$$" + HASH,
      })
  void malformed(String encoded) {
    assertThat(hasher.verify("correct horse battery", encoded)).isFalse();
  }

  @Test
  @DisplayName("the malformed cases only fail on their flaw: the unbroken hash verifies")
  void malformedCasesStartFromAValidHash() {
    String valid = "$argon2id$v=19$m=1024,t=2,p=1$" + SALT + "$" + HASH;

    assertThat(hasher.verify("correct horse battery", valid)).isTrue();
  }

  @Test
  @DisplayName("asks for a rehash when any stored cost or the version is below the current")
  void needsRehash() {
    PasswordHasher owasp = new PasswordHasher(Argon2Settings.OWASP);
    String tail = "$" + SALT + "$" + HASH;

    assertThat(owasp.needsRehash("$argon2id$v=19$m=19456,t=2,p=1" + tail)).isFalse();
    assertThat(owasp.needsRehash("$argon2id$v=19$m=47104,t=3,p=2" + tail)).isFalse();
    assertThat(
            List.of(
                "$argon2id$v=19$m=19455,t=2,p=1" + tail,
                "$argon2id$v=19$m=19456,t=1,p=1" + tail,
                "$argon2id$v=16$m=19456,t=2,p=1" + tail,
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ" + "$" + HASH,
                hasher.hash("correct horse battery"),
                "plain"))
        .allMatch(owasp::needsRehash);
    assertThat(
            new PasswordHasher(new Argon2Settings(19456, 2, 2))
                .needsRehash("$argon2id$v=19$m=19456,t=2,p=1" + tail))
        .isTrue();
  }

  @Test
  @DisplayName("the OWASP settings are m=19456 KiB, t=2, p=1")
  void owaspConstant() {
    assertThat(Argon2Settings.OWASP).isEqualTo(new Argon2Settings(19456, 2, 1));
  }

  @Test
  @DisplayName("settings that Argon2 cannot run are refused when made")
  void invalidSettings() {
    assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Settings(15, 1, 2));
    assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Settings(64, 0, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> new Argon2Settings(64, 1, 0));
  }

  @Test
  @DisplayName("a dummy verify runs for any input and leaves real verification unaffected")
  void verifyDummy() {
    hasher.verifyDummy("whatever");
    hasher.verifyDummy(null);
    String encoded = hasher.hash("correct horse battery staple");

    assertThat(hasher.verify("correct horse battery staple", encoded)).isTrue();
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
