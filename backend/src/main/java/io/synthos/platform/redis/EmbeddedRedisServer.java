package io.synthos.platform.redis;

import io.synthos.platform.FreePort;
import io.synthos.platform.LeftoverProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A real redis-server run from the binary Synthos ships, for the no-configuration default. It binds
 * to loopback only and keeps an append-only file, so revoked tokens stay revoked across restarts.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

  private final RedisServer server;
  private final int port;

  private EmbeddedRedisServer(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts the server and blocks until it accepts connections; never call it on an event loop. */
  public static EmbeddedRedisServer start(Path dataDir, int port) throws IOException {
    Files.createDirectories(dataDir);
    Path pidFile = dataDir.toAbsolutePath().resolve("redis.pid");
    LeftoverProcess.stopIfRunning(pidFile, "redis-server");
    int chosen = port == 0 ? FreePort.find() : port;
    RedisServer server =
        RedisServer.newRedisServer()
            .port(chosen)
            .bind("127.0.0.1")
            .setting("dir " + dataDir.toAbsolutePath())
            .setting("appendonly yes")
            .setting("pidfile " + pidFile)
            .setting("save \"\"")
            .build();
    server.start();
    return new EmbeddedRedisServer(server, chosen);
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws IOException {
    server.stop();
  }
}
