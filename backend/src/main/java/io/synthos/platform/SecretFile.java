package io.synthos.platform;

import io.synthos.platform.config.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * A random secret kept in one file only its owner can read (0600, in a 0700 directory where POSIX):
 * made on first use, read on every later one. Blocks: call it at start-up, never on an event loop.
 */
public final class SecretFile {

  /** 256 random bits, as 43 base64url characters. */
  private static final int RANDOM_BYTES = 32;

  private static final int MIN_LENGTH = 32;

  private static final Set<PosixFilePermission> OTHERS =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private SecretFile() {}

  /**
   * The secret in {@code file}, made first if the file does not exist.
   *
   * @param replacing what a new secret undoes, told to whoever is asked to delete a bad file (such
   *     as "every token issued with the old one is then refused"), or empty when nothing
   * @throws IOException when the file cannot be made or read, or when it holds fewer than 32
   *     characters or others than its owner may read it (the message names the file and the fix)
   */
  public static Secret loadOrCreate(Path file, String replacing) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    try {
      PrivateFiles.directory(directory);
      if (!Files.exists(file)) {
        create(file);
      }
    } catch (IOException e) {
      throw new IOException("cannot make " + file + " (" + why(e) + ")", e);
    }
    return read(file, replacing);
  }

  /**
   * Writes a hidden temporary file, then links it under the final name: a crash never leaves half a
   * secret, and of two processes starting at once on one data directory, the first link wins and
   * both read the same secret.
   */
  private static void create(Path file) throws IOException {
    byte[] random = new byte[RANDOM_BYTES];
    new SecureRandom().nextBytes(random);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Path temporary = PrivateFiles.temporaryFile(file.toAbsolutePath().getParent());
    try {
      Files.writeString(temporary, secret + "\n", StandardCharsets.US_ASCII);
      try {
        Files.createLink(file, temporary);
      } catch (FileAlreadyExistsException e) {
        // another process made it first: read theirs
      } catch (UnsupportedOperationException | FileSystemException e) {
        // a file system without hard links: a plain move, which never replaces an existing file
        Files.move(temporary, file);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static Secret read(Path file, String replacing) throws IOException {
    String secret;
    Set<PosixFilePermission> permissions;
    try {
      permissions = PrivateFiles.posix(file) ? Files.getPosixFilePermissions(file) : Set.of();
      secret = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IOException("cannot read " + file + " (" + why(e) + ")", e);
    }
    if (permissions.stream().anyMatch(OTHERS::contains)) {
      throw new IOException(
          file
              + " may be read by others than its owner ("
              + PosixFilePermissions.toString(permissions)
              + "); chmod 600 it");
    }
    if (secret.length() < MIN_LENGTH) {
      throw new IOException(
          file
              + " holds fewer than "
              + MIN_LENGTH
              + " characters; delete it to have a new secret made"
              + (replacing.isEmpty() ? "" : " (" + replacing + ")"));
    }
    return new Secret(secret);
  }

  /** The operating system's reason when it gave one, else the kind of failure. */
  private static String why(IOException e) {
    return e instanceof FileSystemException failure && failure.getReason() != null
        ? failure.getReason()
        : e.getClass().getSimpleName();
  }
}
