package io.synthos;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.launcher.Role;
import io.synthos.platform.config.Setting;
import io.synthos.testing.Repository;
import java.nio.file.Files;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The README")
class ReadmeTest {

  private static String readme() throws Exception {
    return Files.readString(Repository.file("README.md"));
  }

  @Test
  @DisplayName("documents every configuration variable in its table")
  void documentsEveryVariable() throws Exception {
    String readme = readme();
    for (Setting setting : Setting.values()) {
      assertThat(readme).as(setting.env()).contains("| `" + setting.env() + "` |");
    }
  }

  @Test
  @DisplayName("documents every role in its table")
  void documentsEveryRole() throws Exception {
    String readme = readme();
    for (Role role : Role.values()) {
      assertThat(readme).as(role.id()).contains("| `" + role.id() + "` |");
    }
  }

  @Test
  @DisplayName("gives the test command that CI runs")
  void ciRunsTheReadmeTestCommand() throws Exception {
    assertThat(readme()).contains("mvn -B verify");
    assertThat(Files.readString(Repository.file(".ci/run"))).contains("\nmvn -B verify\n");
  }

  @Test
  @DisplayName("documents every variable docker-compose.yml reads")
  void documentsComposeVariables() throws Exception {
    String readme = readme();
    java.util.regex.Matcher variable =
        java.util.regex.Pattern.compile("\\$\\{([A-Z_]+)")
            .matcher(Files.readString(Repository.file("docker-compose.yml")));
    int found = 0;
    while (variable.find()) {
      found++;
      assertThat(readme).as(variable.group(1)).contains("| `" + variable.group(1) + "` |");
    }
    assertThat(found).isPositive();
  }
}
