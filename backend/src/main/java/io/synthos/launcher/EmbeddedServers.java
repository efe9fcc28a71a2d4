package io.synthos.launcher;

import io.synthos.platform.DataDirLock;
import io.synthos.platform.config.Secret;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.EmbeddedPostgresServer;
import io.synthos.platform.redis.EmbeddedRedisServer;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL and Redis that the chosen roles need when no URL is configured,
 * and stops them, last started first.
 */
final class EmbeddedServers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();

  /** Starts what is needed and returns the configuration with their URLs filled in. */
  SynthosConfig startFor(SynthosConfig config, Set<Role> roles) throws IOException {
    SynthosConfig resolved = config;
    boolean embeddedPostgres =
        config.database().embedded() && roles.stream().anyMatch(Role::usesPostgres);
    boolean embeddedRedis = config.redis().embedded() && roles.stream().anyMatch(Role::usesRedis);
    if (embeddedPostgres || embeddedRedis) {
      started.push(DataDirLock.acquire(config.dataDir()));
    }
    if (embeddedPostgres) {
      EmbeddedPostgresServer postgres =
          EmbeddedPostgresServer.start(config.postgresDir(), config.database().embeddedPort());
      started.push(postgres);
      log.info(
          "embedded PostgreSQL on 127.0.0.1:{}, data in {}", postgres.port(), config.postgresDir());
      resolved = resolved.withDatabaseUrl(new Secret(postgres.url()));
    }
    if (embeddedRedis) {
      EmbeddedRedisServer redis =
          EmbeddedRedisServer.start(config.redisDir(), config.redis().embeddedPort());
      started.push(redis);
      log.info("embedded Redis on 127.0.0.1:{}, data in {}", redis.port(), config.redisDir());
      resolved = resolved.withRedisUrl(new Secret(redis.url()));
    }
    return resolved;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable server = started.pop();
      try {
        server.close();
      } catch (Exception e) {
        log.warn("stopping {} failed: {}", server.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
