package io.synthos;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.launcher.Role;
import io.synthos.platform.config.Setting;
import io.synthos.platform.http.ProblemType;
import io.synthos.testing.Repository;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  @Test
  @DisplayName("lists every problem type under its status in its table, and no other")
  void documentsEveryProblemType() throws Exception {
    String header = "| status | problem types (`/problems/…`) |\n|---|---|\n";
    String readme = readme();
    assertThat(readme).contains(header);
    Map<Integer, Set<String>> documented = new TreeMap<>();
    Matcher row =
        Pattern.compile("\\| (\\d{3}) \\| (.*) \\|\n")
            .matcher(readme.substring(readme.indexOf(header) + header.length()));
    // The table's rows follow its header without a gap; the first other line ends it.
    for (int end = 0; row.find() && row.start() == end; end = row.end()) {
      // Notes in parentheses name other things (`errors`, `Retry-After`); only the rest are types.
      Matcher name =
          Pattern.compile("`([a-z0-9-]+)`").matcher(row.group(2).replaceAll("\\([^)]*\\)", ""));
      while (name.find()) {
        documented
            .computeIfAbsent(Integer.parseInt(row.group(1)), status -> new TreeSet<>())
            .add(name.group(1));
      }
    }
    Map<Integer, Set<String>> catalogue = new TreeMap<>();
    for (ProblemType type : ProblemType.values()) {
      catalogue.computeIfAbsent(type.status(), status -> new TreeSet<>()).add(type.slug());
    }
    assertThat(documented).isNotEmpty().isEqualTo(catalogue);
  }
}
