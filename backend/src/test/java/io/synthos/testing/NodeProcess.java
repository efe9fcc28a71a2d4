package io.synthos.testing;

import static org.awaitility.Awaitility.await;

import io.synthos.platform.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Synthos JVM started from the test classpath, the way {@code java -cp … io.synthos.Main} runs
 * it; its output goes to a log file the test reads to learn when it started and its node id.
 */
public final class NodeProcess {

  private static final Pattern STARTED =
      Pattern.compile("started in \\d+ ms \\(node ([0-9a-f-]+)\\)");

  private final String name;
  private final Path log;
  private final Process process;

  private NodeProcess(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  /** Starts {@code io.synthos.Main} with exactly {@code env} as its Synthos settings. */
  public static NodeProcess start(String name, Path logDir, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx384m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.net.preferIPv4Stack=true",
            "-cp",
            System.getProperty("java.class.path"),
            "io.synthos.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    for (Setting setting : Setting.values()) {
      builder.environment().remove(setting.env());
      builder.environment().remove(setting.env() + "_FILE");
    }
    builder.environment().remove("SYNTHOS_CONFIG");
    builder.environment().putAll(env);
    Path log = Files.createTempFile(logDir, name + "-", ".log");
    Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new NodeProcess(name, log, process);
  }

  /** Waits until the node says it started; answers its node id (the owner of its leases). */
  public String awaitStarted() {
    String[] id = new String[1];
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(name + " exited early:\n" + Files.readString(log));
              }
              Matcher started = STARTED.matcher(Files.readString(log));
              if (started.find()) {
                id[0] = started.group(1);
                return true;
              }
              return false;
            });
    return id[0];
  }

  /** SIGKILL: the node dies without leaving the cluster or handing anything back. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGSTOP: the node does nothing more, not even finish a job, until {@link #resume}. */
  public void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** SIGCONT, after {@link #pause}. */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    int exit =
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    if (exit != 0) {
      throw new IOException("kill -" + name + " " + process.pid() + " exited " + exit);
    }
  }

  /** SIGTERM: the node hands its jobs back, leaves the cluster and exits 0. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " did not stop within 60 s");
    }
    return process.exitValue();
  }

  /** Sends SIGTERM and returns at once; {@link #awaitExit} waits for the process to end. */
  public void terminate() {
    process.destroy();
  }

  /** The exit code, once the process has ended within {@code timeout}. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " did not stop within " + timeout);
    }
    return process.exitValue();
  }

  public String output() throws IOException {
    return Files.readString(log);
  }

  public boolean alive() {
    return process.isAlive();
  }
}
