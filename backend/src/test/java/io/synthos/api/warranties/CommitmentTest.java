package io.synthos.api.warranties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Commitments to real data")
class CommitmentTest {

  @Test
  @DisplayName("are HMAC-SHA256 keyed by the salt's bytes over the digest's hex text")
  void knownAnswer() {
    // Computed apart: python3 -c 'import hmac, hashlib; print(hmac.new(bytes(range(32)),
    //   ("b2" * 32).encode(), hashlib.sha256).hexdigest())', and openssl dgst -mac HMAC agrees.
    assertThat(Commitment.of(Fixtures.SALT, Fixtures.REFERENCE_SHA256))
        .isEqualTo("daee77468eb1d7c4177ed1180691ef4d980b55ae57ca0356a5819931bab5db99");
    assertThat(Commitment.of(Fixtures.SALT.toUpperCase(), Fixtures.HOLDOUT_SHA256.toUpperCase()))
        .isEqualTo("3130c990040ae6a8ab897c8281458f09ae9463545900f900ba6c3c7b28c3ffce");
  }

  @Test
  @DisplayName("open to the same salt and digest only")
  void opens() {
    String commitment = Commitment.of(Fixtures.SALT, Fixtures.REFERENCE_SHA256);
    String otherSalt = "ff".repeat(32);

    assertThat(Commitment.opens(commitment, Fixtures.SALT, Fixtures.REFERENCE_SHA256)).isTrue();
    assertThat(Commitment.opens(commitment, Fixtures.SALT, Fixtures.HOLDOUT_SHA256)).isFalse();
    assertThat(Commitment.opens(commitment, otherSalt, Fixtures.REFERENCE_SHA256)).isFalse();
    assertThat(Commitment.opens(null, Fixtures.SALT, Fixtures.REFERENCE_SHA256)).isFalse();
  }

  @Test
  @DisplayName("fresh salts are 32 random bytes, so one dataset never commits the same way twice")
  void freshSalts() {
    SecureRandom random = new SecureRandom();
    Set<String> commitments = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String salt = Commitment.newSalt(random);
      assertThat(salt).matches("[0-9a-f]{64}");
      commitments.add(Commitment.of(salt, Fixtures.REFERENCE_SHA256));
    }

    assertThat(commitments).hasSize(100).doesNotContain(Fixtures.REFERENCE_SHA256);
  }

  @Test
  @DisplayName("refuse a salt or a digest that is not 64 hex digits")
  void refusesBadInput() {
    assertThatThrownBy(() -> Commitment.of("ab", Fixtures.REFERENCE_SHA256))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Commitment.of(Fixtures.SALT, "zz".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Disclosure(Fixtures.SALT, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
