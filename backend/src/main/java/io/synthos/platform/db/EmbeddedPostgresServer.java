package io.synthos.platform.db;

import io.synthos.platform.FreePort;
import io.synthos.platform.LeftoverProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server run from the binaries Synthos ships, for the no-configuration default.
 * Its data directory persists across restarts; it listens on loopback only.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  /** The database Synthos uses inside the embedded server. */
  public static final String DATABASE = "synthos";

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts the server, creating the data directory and the {@value #DATABASE} database on first
   * use. Blocks until PostgreSQL accepts connections: call it before Vert.x starts, never on an
   * event loop.
   */
  public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
    Files.createDirectories(dataDir);
    LeftoverProcess.stopIfRunning(dataDir.resolve("postmaster.pid"), "postgres");
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .setPort(port == 0 ? FreePort.find() : port)
            .setServerConfig("listen_addresses", "127.0.0.1")
            // The library tunes for throw-away test databases; this one keeps the user's data.
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("max_connections", "100")
            .start();
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
    server.createDatabaseIfMissing();
    return server;
  }

  /** A {@code postgresql://} URL for the Synthos database; trust authentication on loopback. */
  public String url() {
    return "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
  }

  public int port() {
    return postgres.getPort();
  }

  private void createDatabaseIfMissing() {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        if (rows.next()) {
          return;
        }
      }
      statement.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("embedded PostgreSQL: cannot create database " + DATABASE, e);
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
