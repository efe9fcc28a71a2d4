package io.synthos.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Password policy")
class PasswordPolicyTest {

  private static final String STRONG = "vD7#qL2!xW9@zR";

  private final PasswordPolicy policy = PasswordPolicy.bundled();

  @Test
  @DisplayName("refuses 9 characters and accepts 10")
  void minimumLength() {
    assertThat(policy.problem(STRONG.substring(0, 9)))
        .hasValueSatisfying(message -> assertThat(message).contains("at least 10"));
    assertThat(policy.problem(STRONG.substring(0, 10))).isEmpty();
  }

  @Test
  @DisplayName("accepts 128 characters and refuses 129")
  void maximumLength() {
    String long129 = STRONG.repeat(10).substring(0, 129);

    assertThat(policy.problem(long129.substring(0, 128))).isEmpty();
    assertThat(policy.problem(long129))
        .hasValueSatisfying(message -> assertThat(message).contains("at most 128"));
  }

  @Test
  @DisplayName("counts an emoji as one character, not two UTF-16 units")
  void countsCodePoints() {
    assertThat(policy.problem("🔑".repeat(9))).isPresent();
    assertThat(policy.problem("🔑".repeat(10))).isEmpty();
    assertThat(policy.problem("🔑".repeat(128))).isEmpty();
    assertThat(policy.problem("🔑".repeat(129))).isPresent();
  }

  @ParameterizedTest(name = "refuses the common password \"{0}\"")
  @ValueSource(
      strings = {
        "password1234",
        "Password1234",
        "QWERTYUIOP",
        "  iloveyou123  ",
        "1234567890",
        "ｐａｓｓｗｏｒｄ１２３４"
      })
  void refusesCommonPasswords(String password) {
    assertThat(policy.problem(password))
        .hasValueSatisfying(message -> assertThat(message).contains("too common"));
  }

  @Test
  @DisplayName("the refused examples are really in the bundled list")
  void examplesComeFromTheList() {
    assertThat(PasswordPolicy.commonPasswords())
        .contains("password1234", "qwertyuiop", "iloveyou123", "1234567890");
  }

  @Test
  @DisplayName("accepts a strong random password")
  void acceptsStrong() {
    assertThat(policy.problem(STRONG)).isEmpty();
    assertThat(policy.problem("correct horse battery staple 🐴")).isEmpty();
  }

  @Test
  @DisplayName("refuses a missing password")
  void refusesNull() {
    assertThat(policy.problem(null)).isPresent();
  }

  @Test
  @DisplayName(
      "the bundled list is large, one lower-case trimmed password a line, sorted, no blanks")
  void bundledListIsClean() throws IOException {
    List<String> lines;
    try (InputStream in =
        PasswordPolicy.class.getResourceAsStream(PasswordPolicy.COMMON_PASSWORDS)) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }

    assertThat(lines).hasSizeGreaterThan(30_000).doesNotContain("").doesNotHaveDuplicates();
    assertThat(lines).allMatch(line -> line.equals(line.strip().toLowerCase(Locale.ROOT)));
    assertThat(lines).isSorted();
    assertThat(PasswordPolicy.commonPasswords()).hasSameSizeAs(lines);
  }
}
