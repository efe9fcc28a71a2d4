package io.synthos.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The command line")
class CommandLineTest {

  @Test
  @DisplayName("runs every role when no roles are named")
  void allRolesByDefault() {
    CommandLine line = CommandLine.parse(new String[0], null);

    assertThat(line.roles()).isEqualTo(EnumSet.allOf(Role.class));
    assertThat(line.configFile()).isEmpty();
    assertThat(line.help()).isFalse();
  }

  @Test
  @DisplayName("picks the named roles, in either option form, ignoring case and blanks")
  void namedRoles() {
    assertThat(CommandLine.parse(new String[] {"--roles", "api, AUTH"}, null).roles())
        .containsExactlyInAnyOrder(Role.API, Role.AUTH);
    assertThat(CommandLine.parse(new String[] {"--roles=data,validation,collapse"}, null).roles())
        .containsExactlyInAnyOrder(Role.DATA, Role.VALIDATION, Role.COLLAPSE);
  }

  @Test
  @DisplayName("refuses an unknown role, naming it and the known ones")
  void unknownRole() {
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--roles", "api,scheduler"}, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown role 'scheduler' (known roles: " + Role.allIds() + ")");
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--roles", " , "}, null))
        .hasMessageStartingWith("--roles needs at least one role");
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--roles"}, null))
        .hasMessage("--roles needs a value");
  }

  @Test
  @DisplayName("refuses unknown arguments")
  void unknownArgument() {
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--port", "80"}, null))
        .hasMessage("unknown argument '--port'");
  }

  @Test
  @DisplayName("takes the configuration file from --config, else from SYNTHOS_CONFIG")
  void configFile() {
    assertThat(CommandLine.parse(new String[] {"--config", "a.yaml"}, "b.yaml").configFile())
        .contains(Path.of("a.yaml"));
    assertThat(CommandLine.parse(new String[0], "b.yaml").configFile()).contains(Path.of("b.yaml"));
  }

  @Test
  @DisplayName("--help asks for the usage, which lists every role")
  void help() {
    assertThat(CommandLine.parse(new String[] {"--help"}, null).help()).isTrue();
    assertThat(CommandLine.parse(new String[] {"-h"}, null).help()).isTrue();
    for (Role role : Role.values()) {
      assertThat(CommandLine.usage()).contains(role.id());
    }
  }

  @Test
  @DisplayName("turns --cluster and --instances into the settings they override")
  void clusterOptions() {
    CommandLine line =
        CommandLine.parse(new String[] {"--cluster", "--instances", "api=4,orchestrator=2"}, null);

    assertThat(line.settings())
        .containsEntry("SYNTHOS_CLUSTER", "true")
        .containsEntry("SYNTHOS_INSTANCES", "api=4,orchestrator=2");
    assertThat(CommandLine.parse(new String[0], null).settings()).isEmpty();
  }
}
