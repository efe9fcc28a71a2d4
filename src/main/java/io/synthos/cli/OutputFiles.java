package io.synthos.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes what a command was asked to save, making the directories it needs. */
final class OutputFiles {

  private OutputFiles() {}

  /** Writes the bytes to {@code file}; does nothing when no file was asked for. */
  static void write(Path file, byte[] bytes) {
    if (file == null) {
      return;
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(file, bytes);
    } catch (IOException e) {
      throw CliException.badInput("cannot write " + file + ": " + e.getMessage());
    }
  }
}
