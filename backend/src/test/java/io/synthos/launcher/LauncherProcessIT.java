package io.synthos.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.platform.FreePort;
import io.synthos.platform.config.Setting;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.TestConfigs;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box tests of the packaged jar, run as a separate process the way a user runs it. */
@Tag("slow")
@DisplayName("The synthos jar, run as a process")
class LauncherProcessIT {

  private static final Path JAR = Path.of(System.getProperty("synthos.jar", "target/synthos.jar"));
  private static final String JWT_MARKER = "jwt-secret-that-must-never-be-logged-0123456789";
  private static final String ADMIN_MARKER = "admin-password-that-must-never-be-logged";
  private static final String SERVICE_MARKER = "service-secret-that-must-never-be-logged-0123456";

  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();
  private int runs;

  @AfterEach
  void killLeftovers() {
    processes.forEach(Process::destroyForcibly);
  }

  /** A started process and the files its output goes to. */
  private record Run(Process process, Path stdout, Path stderr) {

    int awaitExit() throws InterruptedException {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("process exits").isTrue();
      return process.exitValue();
    }

    List<String> errLines() throws IOException {
      return Files.readAllLines(stderr);
    }

    String out() throws IOException {
      return Files.readString(stdout);
    }
  }

  private Run run(Map<String, String> env, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(javaBinary(), "-Djava.net.preferIPv4Stack=true", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    for (Setting setting : Setting.values()) {
      builder.environment().remove(setting.env());
      builder.environment().remove(setting.env() + "_FILE");
    }
    builder.environment().remove("SYNTHOS_CONFIG");
    builder.environment().putAll(env);
    int n = ++runs;
    Path stdout = dir.resolve("stdout-" + n + ".log");
    Path stderr = dir.resolve("stderr-" + n + ".log");
    Process process =
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    processes.add(process);
    return new Run(process, stdout, stderr);
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  @DisplayName("stops with one line naming PORT when PORT is not a number")
  void badPort() throws Exception {
    Run run = run(Map.of("PORT", "abc"));

    assertThat(run.awaitExit()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            "synthos: configuration error: PORT: 'abc' is not a port number (1-65535)");
  }

  @Test
  @DisplayName("stops with one line naming an unknown role")
  void unknownRole() throws Exception {
    Run run = run(Map.of(), "--roles", "api,nope");

    assertThat(run.awaitExit()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1).first().asString().contains("unknown role 'nope'");
  }

  @Test
  @DisplayName("stops with one line naming a configuration file it cannot read")
  void unreadableConfig() throws Exception {
    Run run = run(Map.of(), "--config", "missing.yaml");

    assertThat(run.awaitExit()).isEqualTo(2);
    assertThat(run.errLines())
        .hasSize(1)
        .first()
        .asString()
        .startsWith("synthos: configuration error: missing.yaml: cannot read");
  }

  @Test
  @DisplayName("fails fast with one line naming a port that is taken")
  void takenPort() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(TestConfigs.freePorts());
    env.put("SYNTHOS_DATA_DIR", dir.resolve("data").toString());
    int port = Integer.parseInt(env.get("ADMIN_PORT"));
    try (ServerSocket taken = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
      Run run = run(env, "--roles", "dashboard");

      assertThat(run.awaitExit()).isEqualTo(1);
      assertThat(run.errLines())
          .hasSize(1)
          .first()
          .asString()
          .startsWith("synthos: dashboard: cannot listen on 127.0.0.1:" + port);
    }
  }

  @Test
  @DisplayName("explains itself with --help")
  void help() throws Exception {
    Run run = run(Map.of(), "--help");

    assertThat(run.awaitExit()).isZero();
    assertThat(run.out()).contains("--roles", "orchestrator", "validation");
  }

  @Test
  @DisplayName(
      "runs every role on embedded servers, keeps its data across a restart, and exits 0 on SIGTERM")
  void embeddedDefaultSurvivesRestart() throws Exception {
    Map<String, String> env = embeddedEnvironment();
    int pgPort = Integer.parseInt(env.get("SYNTHOS_EMBEDDED_PG_PORT"));
    String ready = "http://127.0.0.1:" + env.get("PORT") + "/health/ready";

    Run first = run(env);
    awaitReady(first, ready);
    assertThat(first.out())
        .contains(
            "data ",
            "validation ",
            "collapse ",
            "resources ",
            "auth ",
            "orchestrator ",
            "api ",
            "dashboard ");
    await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(30))
        .until(() -> nodeStarts(pgPort).size() == 1);
    List<String> firstStart = nodeStarts(pgPort);
    first.process().destroy(); // SIGTERM
    assertThat(first.awaitExit()).isZero();

    Run second = run(env);
    awaitReady(second, ready);
    await()
        .ignoreExceptions()
        .atMost(Duration.ofSeconds(30))
        .until(() -> nodeStarts(pgPort).size() == 2);
    assertThat(nodeStarts(pgPort)).startsWith(firstStart.get(0));
    second.process().destroy();
    assertThat(second.awaitExit()).isZero();

    // No JWT secret nor ML services' secret was configured: the first start made them in the data
    // directory, both starts used them.
    Path secretFile = Path.of(env.get("SYNTHOS_DATA_DIR"), "secrets", "jwt-secret");
    String secret = Files.readString(secretFile).strip();
    Path serviceFile = Path.of(env.get("SYNTHOS_DATA_DIR"), "secrets", "service-secret");
    String serviceSecret = Files.readString(serviceFile).strip();
    for (Run run : List.of(first, second)) {
      assertThat(run.out())
          .contains("access tokens signed with the secret in " + secretFile.toAbsolutePath())
          .contains("calls to the ML services carry the secret in " + serviceFile.toAbsolutePath());
      assertThat(run.out() + String.join("\n", run.errLines()))
          .doesNotContain(secret)
          .doesNotContain(serviceSecret)
          .doesNotContain(ADMIN_MARKER);
    }
  }

  @Test
  @DisplayName("stops with one line in production mode, or in a cluster, without a JWT secret")
  void noJwtSecret() throws Exception {
    Run production =
        run(Map.of("SYNTHOS_MODE", "production", "ADMIN_PASSWORD", ADMIN_MARKER), "--roles", "api");
    Run cluster = run(Map.of(), "--cluster", "--roles", "auth");

    assertThat(production.awaitExit()).isEqualTo(2);
    assertThat(production.errLines())
        .containsExactly(
            "synthos: configuration error: conf/synthos.yaml: jwt.secret: production mode needs a"
                + " secret of your own: set JWT_SECRET or JWT_SECRET_FILE (or JWT_PRIVATE_KEY_FILE"
                + " and JWT_PUBLIC_KEY_FILE)");
    assertThat(cluster.awaitExit()).isEqualTo(2);
    assertThat(cluster.errLines())
        .containsExactly(
            "synthos: configuration error: conf/synthos.yaml: jwt.secret: a cluster needs one"
                + " secret shared by every node: set JWT_SECRET or JWT_SECRET_FILE (or"
                + " JWT_PRIVATE_KEY_FILE and JWT_PUBLIC_KEY_FILE)");
  }

  @Test
  @DisplayName(
      "stops with one line in production mode, or in a cluster, without the ML services' secret")
  void noServiceSecret() throws Exception {
    Run inProduction =
        run(
            Map.of(
                "SYNTHOS_MODE", "production",
                "JWT_SECRET", JWT_MARKER,
                "ADMIN_PASSWORD", ADMIN_MARKER),
            "--roles",
            "data");
    Run inCluster = run(Map.of("JWT_SECRET", JWT_MARKER), "--cluster", "--roles", "api,auth");
    String set = ": set SYNTHOS_SERVICE_SECRET or SYNTHOS_SERVICE_SECRET_FILE";

    for (Run run : List.of(inProduction, inCluster)) {
      assertThat(run.awaitExit()).isEqualTo(2);
    }
    assertThat(inProduction.errLines())
        .containsExactly(
            "synthos: configuration error: services.secret: production mode needs a secret of"
                + " your own"
                + set);
    assertThat(inCluster.errLines())
        .containsExactly(
            "synthos: configuration error: services.secret: a cluster needs one secret shared by"
                + " every node"
                + set);
  }

  @Test
  @DisplayName("comes back after being killed outright, and refuses a second process on its data")
  void recoversFromSigkill() throws Exception {
    Map<String, String> env = embeddedEnvironment();
    String ready = "http://127.0.0.1:" + env.get("PORT") + "/health/ready";
    Run first = run(env);
    awaitReady(first, ready);

    Map<String, String> rival = new java.util.HashMap<>(TestConfigs.freePorts());
    rival.put("SYNTHOS_DATA_DIR", env.get("SYNTHOS_DATA_DIR"));
    Run second = run(rival);
    assertThat(second.awaitExit()).isEqualTo(1);
    assertThat(second.errLines())
        .hasSize(1)
        .first()
        .asString()
        .contains("is in use by another Synthos process");

    first.process().destroyForcibly(); // SIGKILL: the embedded servers are left behind
    assertThat(first.awaitExit()).isNotZero();
    Run third = run(env);
    awaitReady(third, ready);
    third.process().destroy();
    assertThat(third.awaitExit()).isZero();
  }

  @Test
  @DisplayName("logs JSON lines in production mode, without its secrets")
  void jsonLogsInProduction() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(TestConfigs.freePorts());
    env.put("SYNTHOS_MODE", "production");
    env.put("JWT_SECRET", JWT_MARKER);
    env.put("ADMIN_PASSWORD", ADMIN_MARKER);
    env.put("SYNTHOS_SERVICE_SECRET", SERVICE_MARKER);
    env.put("SYNTHOS_DATA_DIR", dir.resolve("data").toString());

    Run run = run(env, "--roles", "resources,validation");
    await().atMost(Duration.ofSeconds(60)).until(() -> run.out().contains("started in"));
    run.process().destroy();
    assertThat(run.awaitExit()).isZero();

    List<String> lines = run.out().lines().filter(line -> !line.isBlank()).toList();
    assertThat(lines)
        .isNotEmpty()
        .allSatisfy(line -> assertThat(new JsonObject(line).getString("message")).isNotNull());
    assertThat(run.out())
        .doesNotContain(JWT_MARKER)
        .doesNotContain(ADMIN_MARKER)
        .doesNotContain(SERVICE_MARKER);
  }

  /**
   * Every role on embedded servers under a fresh data directory, with a marked admin password and,
   * as the README's first command, no JWT secret.
   */
  private Map<String, String> embeddedEnvironment() {
    Map<String, String> env = new java.util.HashMap<>(TestConfigs.freePorts());
    env.put("SYNTHOS_DATA_DIR", dir.resolve("data").toString());
    env.put("SYNTHOS_EMBEDDED_PG_PORT", String.valueOf(FreePort.find()));
    env.put("ADMIN_PASSWORD", ADMIN_MARKER);
    return env;
  }

  private static void awaitReady(Run run, String url) throws IOException {
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(300))
          .failFast("the process exited", () -> !run.process().isAlive())
          .until(() -> HttpProbe.get(url).status() == 200);
    } catch (TerminalFailureException e) {
      throw new AssertionError("the process exited: " + String.join("\n", run.errLines()), e);
    }
    Response response = HttpProbe.get(url);
    assertThat(response.checks())
        .containsOnlyKeys("postgres", "redis", "data", "validation", "collapse", "cluster")
        .containsValues("UP")
        .doesNotContainValue("DOWN");
  }

  /** The node ids recorded in {@code node_starts}, oldest first. */
  private static List<String> nodeStarts(int pgPort) throws SQLException {
    String url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/synthos";
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT node_id FROM node_starts ORDER BY id")) {
      List<String> ids = new ArrayList<>();
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
      return ids;
    }
  }
}
