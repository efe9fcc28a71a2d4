package io.synthos.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/** Uploads local files as datasets and waits until the node has ingested them. */
final class Uploads {

  private static final long FIRST_POLL_MS = 100;
  private static final long MAX_POLL_MS = 2_000;

  private Uploads() {}

  /** Refuses, before any work, a file that is missing or unreadable. */
  static Path readable(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw CliException.badInput("no readable file " + file);
    }
    return file;
  }

  /**
   * Uploads every file (the node ingests them side by side), then waits for each; answers the
   * datasets once ready, in the files' order.
   *
   * @throws CliException with {@link CliException#BAD_INPUT} naming the file and the reason when
   *     one fails to ingest
   */
  static List<JsonObject> uploadAll(
      SynthosClient client, List<Path> files, Consumer<String> note, Deadline deadline) {
    List<JsonObject> created = new ArrayList<>();
    for (Path file : files) {
      note.accept("uploading " + file + " (" + size(file) + ")");
      created.add(client.upload(file, sha256(file)));
    }
    List<JsonObject> ready = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      note.accept("waiting for " + files.get(i).getFileName() + " to be profiled");
      ready.add(awaitReady(client, files.get(i), created.get(i).getString("id"), deadline));
    }
    return ready;
  }

  /** Polls the dataset (the API has no event stream for ingests) with a growing pause. */
  static JsonObject awaitReady(SynthosClient client, Path file, String id, Deadline deadline) {
    long pause = FIRST_POLL_MS;
    while (true) {
      deadline.check("waiting for " + file + " to be profiled");
      JsonObject dataset = client.dataset(id);
      switch (dataset.getString("status", "")) {
        case "ready" -> {
          return dataset;
        }
        case "failed" ->
            throw CliException.badInput(
                file + " cannot be read as a dataset: " + dataset.getString("failure_reason"));
        default -> {
          sleep(pause);
          pause = Math.min(MAX_POLL_MS, pause * 2);
        }
      }
    }
  }

  /** The file's SHA-256 in lower-case hex: sent with the upload, so the node checks the bytes. */
  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw CliException.badInput("cannot read " + file + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String size(Path file) {
    try {
      long bytes = Files.size(file);
      return bytes < 1 << 20
          ? String.format("%.1f KB", bytes / 1024.0)
          : String.format("%.1f MB", bytes / (1024.0 * 1024));
    } catch (IOException e) {
      return "size unknown";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILED, "interrupted");
    }
  }
}
