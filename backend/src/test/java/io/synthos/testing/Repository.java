package io.synthos.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files at the repository's root (README.md, conf/, monitoring/, scripts/, …), which the tests of
 * the backend module read while running in the module's own directory.
 */
public final class Repository {

  private static final Path ROOT = findRoot();

  private Repository() {}

  /** {@code first} (and {@code more}) resolved against the repository's root. */
  public static Path file(String first, String... more) {
    return ROOT.resolve(Path.of(first, more));
  }

  /** The nearest directory at or above the working directory that holds the CI script. */
  private static Path findRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(".ci/run"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root (with .ci/run) at or above " + start);
  }
}
