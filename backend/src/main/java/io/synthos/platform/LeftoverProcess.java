package io.synthos.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops an embedded server left running by an earlier Synthos process that was killed outright,
 * found through the pid file the server keeps in its data directory. Only called while holding the
 * {@link DataDirLock}, so the server cannot belong to a live Synthos process.
 */
public final class LeftoverProcess {

  private static final Logger log = LoggerFactory.getLogger(LeftoverProcess.class);
  private static final Duration GRACE = Duration.ofSeconds(15);

  private LeftoverProcess() {}

  /**
   * Stops the process named by the first line of {@code pidFile} if it still runs {@code program}.
   */
  public static void stopIfRunning(Path pidFile, String program) throws IOException {
    Optional<ProcessHandle> leftover =
        readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    if (leftover.isEmpty() || !leftover.get().info().command().orElse("").contains(program)) {
      return;
    }
    ProcessHandle process = leftover.get();
    log.warn(
        "stopping {} (pid {}) left running by an earlier Synthos process", program, process.pid());
    process.destroy();
    try {
      process.onExit().get(GRACE.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException(
          program + " (pid " + process.pid() + ") left running by an earlier process did not stop",
          e);
    }
  }

  private static Optional<Long> readPid(Path pidFile) throws IOException {
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      return Files.readAllLines(pidFile).stream()
          .findFirst()
          .map(String::strip)
          .map(Long::parseLong);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
