package io.synthos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes what a command was asked to save, making the directories it needs. */
final class OutputFiles {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private OutputFiles() {}

  /** Writes the bytes to {@code file}; does nothing when no file was asked for. */
  static void write(Path file, byte[] bytes) {
    if (file == null) {
      return;
    }
    try {
      parents(file);
      Files.write(file, bytes);
    } catch (IOException e) {
      throw CliException.badInput("cannot write " + file + ": " + e.getMessage());
    }
  }

  /**
   * Writes a secret (a warranty's salt) that only its owner may read, where the file system has
   * POSIX permissions: the file is owner-only before the bytes go in.
   */
  static void writePrivate(Path file, byte[] bytes) {
    try {
      parents(file);
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        if (!Files.exists(file)) {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY);
      }
      Files.write(file, bytes);
    } catch (IOException e) {
      throw CliException.badInput("cannot write " + file + ": " + e.getMessage());
    }
  }

  private static void parents(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
