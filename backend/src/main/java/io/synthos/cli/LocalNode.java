package io.synthos.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.synthos.launcher.Launcher;
import io.synthos.launcher.Role;
import io.synthos.launcher.RunningNode;
import io.synthos.launcher.StartupException;
import io.synthos.platform.FreePort;
import io.synthos.platform.config.ConfigException;
import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.SynthosConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * A whole Synthos node started inside the command's process for one run: every role, on the
 * embedded PostgreSQL and Redis, every server on a free loopback port, access tokens signed with
 * the data directory's own secret, logs quiet. The command then talks to it over HTTP like any
 * remote user, with an API key of a fresh account.
 */
final class LocalNode implements AutoCloseable {

  /** cpu_millis:memory_mib:gpus of each ML pool. */
  private static final String LOCAL_POOL_CAPACITY = "4000:8192:0";

  private static final long READY_TIMEOUT_SECONDS = 120;

  private final RunningNode node;
  private final Path dataDir;
  private final boolean temporary;
  private final Level previousLevel;
  private final Thread onInterrupt;
  private final SynthosClient client;

  private LocalNode(
      RunningNode node, Path dataDir, boolean temporary, Level previousLevel, String apiKey) {
    this.node = node;
    this.dataDir = dataDir;
    this.temporary = temporary;
    this.previousLevel = previousLevel;
    URI base = URI.create("http://127.0.0.1:" + node.config().http().port());
    this.client = new SynthosClient(base, null).withApiKey(apiKey);
    // Ctrl-C during a run still stops the node and removes its temporary data.
    this.onInterrupt = new Thread(this::stop, "synthos-cli-local-node");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
  }

  /**
   * Starts the node; blocks until it serves and an account with an API key exists.
   *
   * @param dataDir where its databases and datasets live, kept afterwards; null for a fresh
   *     temporary directory removed on close
   * @param overrides settings on top of the embedded defaults, in the environment variables' names
   *     (empty from the command line; a way in for tests and embedders)
   */
  static LocalNode start(Path dataDir, Map<String, String> overrides) {
    boolean temporary = dataDir == null;
    Path dir;
    try {
      dir =
          temporary ? Files.createTempDirectory("synthos-cli-") : Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw CliException.badInput("cannot use the data directory " + dataDir + ": " + e);
    }
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level previous = root.getLevel();
    root.setLevel(Level.WARN);
    RunningNode node;
    try {
      node = Launcher.start(config(dir, overrides), EnumSet.allOf(Role.class));
    } catch (StartupException | ConfigException e) {
      root.setLevel(previous);
      deleteIf(temporary, dir);
      throw new CliException(
          CliException.FAILED, "cannot start the local node: " + e.getMessage(), e);
    }
    LocalNode local = null;
    try {
      SynthosClient anonymous =
          new SynthosClient(URI.create("http://127.0.0.1:" + node.config().http().port()), null);
      awaitReady(anonymous);
      String key =
          anonymous.newAccountKey("cli-" + UUID.randomUUID() + "@example.com", randomSecret());
      local = new LocalNode(node, dir, temporary, previous, key);
      return local;
    } finally {
      if (local == null) {
        node.close();
        root.setLevel(previous);
        deleteIf(temporary, dir);
      }
    }
  }

  /** The schema migrates once the node runs: accounts wait for it. */
  private static void awaitReady(SynthosClient client) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
    long pause = 50;
    while (!client.ready()) {
      if (System.nanoTime() > deadline) {
        throw new CliException(
            CliException.FAILED,
            "the local node was not ready within " + READY_TIMEOUT_SECONDS + " s");
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException(CliException.FAILED, "interrupted");
      }
      pause = Math.min(500, pause * 2);
    }
  }

  /** The client of this node, authenticated as its account. */
  SynthosClient client() {
    return client;
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(onInterrupt);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs stop() itself, which is idempotent
    }
  }

  private synchronized void stop() {
    node.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(previousLevel);
    deleteIf(temporary, dataDir);
  }

  private static SynthosConfig config(Path dir, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("PORT", String.valueOf(FreePort.find()));
    env.put("ADMIN_PORT", String.valueOf(FreePort.find()));
    env.put("GRPC_PORT", String.valueOf(FreePort.find()));
    env.put("DATA_SERVICE_ADDR", "127.0.0.1:" + FreePort.find());
    env.put("VALIDATION_SERVICE_ADDR", "127.0.0.1:" + FreePort.find());
    env.put("COLLAPSE_SERVICE_ADDR", "127.0.0.1:" + FreePort.find());
    env.put("SYNTHOS_BIND_HOST", "127.0.0.1");
    env.put("SYNTHOS_DATA_DIR", dir.toString());
    env.put("WORKERS", "1");
    // This run is the node's only user, so admission need not hold back: sized by the cores, a
    // 2-core machine would admit no validation (it asks 2 cores; admission stops at 80%).
    for (String pool : new String[] {"DATA", "VALIDATION", "COLLAPSE"}) {
      env.put("POOL_" + pool + "_CAPACITY", LOCAL_POOL_CAPACITY);
    }
    env.putAll(overrides);
    // The environment is deliberately not read: a DATABASE_URL meant for something else must not
    // receive a throwaway run's tables.
    return ConfigLoader.load(Optional.empty(), env);
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void deleteIf(boolean temporary, Path dir) {
    if (!temporary || !Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // A leftover temporary directory is not worth failing a finished run for.
    }
  }
}
