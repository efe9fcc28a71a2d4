package io.synthos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.platform.config.Setting;
import io.synthos.testing.TestDatasets;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} as a CI job runs it: the packaged jar, a process, its exit code. */
@Tag("slow")
@DisplayName("The packaged jar as a CI gate")
class CliProcessIT {

  private static final Path JAR = Path.of(System.getProperty("synthos.jar", "target/synthos.jar"));

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) throws IOException, InterruptedException {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp,
                "-jar",
                JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    // The local node ignores the environment; the test proves it by leaving nothing to ignore.
    for (Setting setting : Setting.values()) {
      builder.environment().remove(setting.env());
    }
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the process exits").isTrue();
    } finally {
      process.destroyForcibly();
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  @DisplayName(
      "validate exits 1 naming the unmet threshold, writes the report, and leaves no node data")
  void gateFails() throws Exception {
    Path real = Files.writeString(dir.resolve("real.csv"), TestDatasets.people(300, 1));
    Path synthetic = Files.writeString(dir.resolve("synthetic.csv"), TestDatasets.people(300, 2));

    Run run =
        run(
            "validate",
            "--synthetic",
            synthetic.toString(),
            "--real",
            real.toString(),
            "--min-score",
            "100",
            "--out",
            "out/report.json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).as(run.err()).contains("UNMET  --min-score 100: the score is");
    assertThat(run.err()).contains("synthos: --min-score 100: the score is");
    JsonObject report = new JsonObject(Files.readString(dir.resolve("out/report.json")));
    assertThat(report.getDouble("score")).isBetween(0.0, 100.0);
    try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
      assertThat(left.map(path -> path.getFileName().toString()))
          .noneMatch(name -> name.startsWith("synthos-cli-"));
    }
  }

  @Test
  @DisplayName("validate exits 2 with one line for a file that is not there")
  void badInput() throws Exception {
    Run run = run("validate", "--synthetic", "missing.csv");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).containsExactly("synthos: no readable file missing.csv");
    assertThat(run.out()).isEmpty();
  }
}
