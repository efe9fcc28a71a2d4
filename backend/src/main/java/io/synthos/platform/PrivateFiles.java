package io.synthos.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Directories and files only their owner may use (0700 and 0600 where the file system is POSIX),
 * for keys and secrets kept under the data directory. Every method blocks.
 */
public final class PrivateFiles {

  private PrivateFiles() {}

  /** Creates the directory and its missing parents, the directory itself owner-only. */
  public static Path directory(Path directory) throws IOException {
    return posix(directory)
        ? Files.createDirectories(
            directory,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
        : Files.createDirectories(directory);
  }

  /** A new empty owner-only file, hidden ({@code .…tmp}), to write before moving it in place. */
  public static Path temporaryFile(Path directory) throws IOException {
    return posix(directory)
        ? Files.createTempFile(
            directory,
            ".",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.createTempFile(directory, ".", ".tmp");
  }

  /** Whether the file system of {@code path} keeps POSIX permissions. */
  public static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
