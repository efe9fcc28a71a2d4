package io.synthos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Every command explains itself")
class HelpTest {

  @ParameterizedTest(name = "{0} --help")
  @CsvSource(
      delimiter = '|',
      value = {
        "serve           | --roles, --config",
        "validate        | --synthetic, --real, --holdout, --target, --generations, --sections, --min-score, --max-collapse-risk, --timeout, --out, --html, --data-dir, --server, --api-key",
        "upload          | FILE, --server, --api-key",
        "status          | VALIDATION_ID, --wait, --server, --api-key",
        "report          | VALIDATION_ID, --html, --out, --server, --api-key",
        "warranty        | request, verify",
        "warranty request| VALIDATION_ID, --tier, --out, --salt-out, --server, --api-key",
        "warranty verify | ENVELOPE, --jwks, --server, --file, --sha256, --salt, --salt-file, --reference, --reference-sha256, --holdout, --holdout-sha256",
      })
  @DisplayName("with its usage and every option, exit code 0, nothing on standard error")
  void help(String command, String options) {
    String[] words = (command.strip() + " --help").split(" ");

    CliRun run = CliRun.of(words);

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("Usage: synthos " + command.strip());
    for (String option : options.split(",")) {
      assertThat(run.out()).contains(option.strip());
    }
  }
}
