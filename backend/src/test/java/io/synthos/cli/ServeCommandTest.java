package io.synthos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.launcher.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

@DisplayName("The serve command (the default)")
class ServeCommandTest {

  /** Parses as the jar does, without running anything. */
  private static ServeCommand parse(Map<String, String> env, String... args) {
    Console console =
        new Console(
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), env, false);
    ParseResult parsed =
        SynthosCli.commandLine(console, Map.of()).parseArgs(SynthosCli.withDefaultCommand(args));
    return (ServeCommand) parsed.subcommand().commandSpec().userObject();
  }

  @Test
  @DisplayName("is what runs with no arguments, with every role and no configuration file")
  void allRolesByDefault() {
    ServeCommand serve = parse(Map.of());

    assertThat(serve.roles()).isEqualTo(EnumSet.allOf(Role.class));
    assertThat(serve.configFile()).isEmpty();
  }

  @Test
  @DisplayName("picks the named roles, in either option form, ignoring case and blanks")
  void namedRoles() {
    assertThat(parse(Map.of(), "--roles", "api, AUTH").roles())
        .containsExactlyInAnyOrder(Role.API, Role.AUTH);
    assertThat(parse(Map.of(), "--roles=data,validation,collapse").roles())
        .containsExactlyInAnyOrder(Role.DATA, Role.VALIDATION, Role.COLLAPSE);
    assertThat(parse(Map.of(), "serve", "--roles", "dashboard").roles())
        .containsExactly(Role.DASHBOARD);
  }

  @Test
  @DisplayName("refuses an unknown role with exit code 2 and one line naming it and the known ones")
  void unknownRole() {
    CliRun run = CliRun.of("--roles", "api,scheduler");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .startsWith("synthos: ")
        .contains("unknown role 'scheduler' (known roles: " + Role.allIds() + ")");
    assertThat(CliRun.of("--roles", " , ").err()).contains("--roles needs at least one role");
    assertThat(CliRun.of("--roles").err())
        .contains("Missing required parameter for option '--roles'");
  }

  @Test
  @DisplayName("refuses unknown arguments with exit code 2 and one line")
  void unknownArgument() {
    CliRun run = CliRun.of("--port", "80");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .contains("Unknown options: '--port'")
        .contains("see synthos serve --help");
  }

  @Test
  @DisplayName("takes the configuration file from --config, else from SYNTHOS_CONFIG")
  void configFile() {
    Map<String, String> env = Map.of("SYNTHOS_CONFIG", "b.yaml");
    assertThat(parse(env, "--config", "a.yaml").configFile()).contains(Path.of("a.yaml"));
    assertThat(parse(env).configFile()).contains(Path.of("b.yaml"));
  }

  @Test
  @DisplayName("stops with exit code 2 and one line when the configuration is bad")
  void badConfiguration() {
    CliRun run = CliRun.with(Map.of("PORT", "abc"), Map.of());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            "synthos: configuration error: PORT: 'abc' is not a port number (1-65535)");
  }

  @Test
  @DisplayName("--help lists every role and every command")
  void help() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    for (Role role : Role.values()) {
      assertThat(run.out()).contains(role.id());
    }
    assertThat(run.out()).contains("serve", "validate", "upload", "status", "report", "warranty");
    assertThat(CliRun.of("-h").out()).isEqualTo(run.out());
  }

  @Test
  @DisplayName("turns --cluster and --instances into the settings they override")
  void clusterOptions() {
    ServeCommand serve = parse(Map.of(), "--cluster", "--instances", "api=4,orchestrator=2");

    assertThat(serve.settings())
        .containsEntry("SYNTHOS_CLUSTER", "true")
        .containsEntry("SYNTHOS_INSTANCES", "api=4,orchestrator=2");
    assertThat(parse(Map.of()).settings())
        .doesNotContainKeys("SYNTHOS_CLUSTER", "SYNTHOS_INSTANCES");
  }
}
