package io.synthos.testing;

import io.synthos.platform.config.Secret;
import io.synthos.platform.db.EmbeddedPostgresServer;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.redis.EmbeddedRedisServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Finds the real PostgreSQL and Redis the tests run against, in this order: the environment ({@code
 * SYNTHOS_TEST_DATABASE_URL}, {@code SYNTHOS_TEST_REDIS_URL}), the standard local ports,
 * Testcontainers where a Docker engine answers, and last the embedded servers the product itself
 * starts — so the tests pass on a machine with only a JDK and Maven. Each test class asks for a
 * fresh database, dropped when the JVM exits.
 */
public final class TestInfra {

  private static final String LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres";
  private static final String LOCAL_REDIS = "redis://127.0.0.1:6379";
  private static TestInfra instance;

  private final String adminDatabaseUrl;
  private final String redisUrl;
  private final List<String> createdDatabases = new ArrayList<>();

  private TestInfra(String adminDatabaseUrl, String redisUrl) {
    this.adminDatabaseUrl = adminDatabaseUrl;
    this.redisUrl = redisUrl;
    Runtime.getRuntime().addShutdownHook(new Thread(this::dropCreatedDatabases));
  }

  /** The servers for this JVM, found once. */
  public static synchronized TestInfra get() {
    if (instance == null) {
      instance = new TestInfra(findPostgres(), findRedis());
    }
    return instance;
  }

  /** A new, empty database on the test server, as a {@code postgresql://} URL. */
  public synchronized Secret freshDatabase() {
    String name = "synthos_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + name);
    createdDatabases.add(name);
    return new Secret(adminDatabaseUrl.substring(0, adminDatabaseUrl.lastIndexOf('/') + 1) + name);
  }

  public String redisUrl() {
    return redisUrl;
  }

  /**
   * Deletes every Synthos key (and only those) from the test Redis, so the rate-limit counters of
   * one test never reach the next.
   */
  public void clearSynthosKeys() {
    java.net.URI uri = java.net.URI.create(redisUrl);
    String script =
        "EVAL \"local n = 0 for _, k in ipairs(redis.call('keys', ARGV[1])) do"
            + " redis.call('del', k) n = n + 1 end return n\" 0 synthos:*";
    if (!redisCommand(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort(), script, ":")) {
      throw new IllegalStateException("cannot clear the test Redis at " + redisUrl);
    }
  }

  /**
   * Whether {@code email} is an admin account on that database yet: the admin is bootstrapped in
   * the background once the schema is migrated. Waiting by logging in instead would count failures
   * against the account and lock it.
   */
  public static boolean isAdmin(Secret databaseUrl, String email) {
    PgSettings settings = PgSettings.fromUrl(databaseUrl);
    try (Connection connection =
            DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        PreparedStatement query =
            connection.prepareStatement("SELECT 1 FROM users WHERE email = ? AND role = 'admin'")) {
      query.setString(1, email);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException notYet) {
      return false; // the users table does not exist until the migration has run
    }
  }

  /** Runs one statement on the given database over JDBC (test set-up and assertions only). */
  public static void execute(Secret databaseUrl, String sql) {
    PgSettings settings = PgSettings.fromUrl(databaseUrl);
    try (Connection connection =
            DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test SQL failed: " + sql, e);
    }
  }

  private void execute(String sql) {
    execute(new Secret(adminDatabaseUrl), sql);
  }

  /**
   * Drops this JVM's databases at exit over one connection: a connection per database made the exit
   * outlast surefire's 30 s grace under load, which then killed the JVM and left them behind.
   */
  private synchronized void dropCreatedDatabases() {
    PgSettings settings = PgSettings.fromUrl(new Secret(adminDatabaseUrl));
    try (Connection connection =
            DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        Statement statement = connection.createStatement()) {
      for (String name : createdDatabases) {
        try {
          statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException stillInUse) {
          // One that cannot go now stays; the others still go.
        }
      }
    } catch (SQLException e) {
      // The server may already be gone at JVM exit; nothing is left to clean then.
    }
  }

  private static String findPostgres() {
    return env("SYNTHOS_TEST_DATABASE_URL")
        .or(() -> postgresAnswers(LOCAL_POSTGRES) ? Optional.of(LOCAL_POSTGRES) : Optional.empty())
        .or(TestInfra::postgresContainer)
        .orElseGet(TestInfra::embeddedPostgres);
  }

  private static String findRedis() {
    return env("SYNTHOS_TEST_REDIS_URL")
        .or(() -> redisAnswers("127.0.0.1", 6379) ? Optional.of(LOCAL_REDIS) : Optional.empty())
        .or(TestInfra::redisContainer)
        .orElseGet(TestInfra::embeddedRedis);
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
  }

  private static boolean postgresAnswers(String url) {
    try {
      execute(new Secret(url), "SELECT 1");
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean redisAnswers(String host, int port) {
    return redisCommand(host, port, "PING", "+PONG");
  }

  private static boolean redisCommand(String host, int port, String command, String expected) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1_000);
      socket.setSoTimeout(1_000);
      OutputStream out = socket.getOutputStream();
      out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[expected.length()];
      int read = in.readNBytes(reply, 0, reply.length);
      return new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith(expected);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @SuppressWarnings("resource") // lives as long as the JVM; Testcontainers' reaper removes it
  private static Optional<String> postgresContainer() {
    if (!dockerAnswers()) {
      return Optional.empty();
    }
    PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
    container.start();
    return Optional.of(
        "postgresql://"
            + container.getUsername()
            + ":"
            + container.getPassword()
            + "@"
            + container.getHost()
            + ":"
            + container.getFirstMappedPort()
            + "/postgres");
  }

  @SuppressWarnings("resource")
  private static Optional<String> redisContainer() {
    if (!dockerAnswers()) {
      return Optional.empty();
    }
    GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
    container.start();
    return Optional.of("redis://" + container.getHost() + ":" + container.getFirstMappedPort());
  }

  private static String embeddedPostgres() {
    try {
      EmbeddedPostgresServer server =
          EmbeddedPostgresServer.start(Files.createTempDirectory("synthos-test-pg"), 0);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(server)));
      return "postgresql://postgres@127.0.0.1:" + server.port() + "/postgres";
    } catch (IOException e) {
      throw new IllegalStateException(
          "no PostgreSQL for the tests, and the embedded one failed", e);
    }
  }

  private static String embeddedRedis() {
    try {
      EmbeddedRedisServer server =
          EmbeddedRedisServer.start(Files.createTempDirectory("synthos-test-redis"), 0);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(server)));
      return server.url();
    } catch (IOException e) {
      throw new IllegalStateException("no Redis for the tests, and the embedded one failed", e);
    }
  }

  private static void closeQuietly(AutoCloseable server) {
    try {
      server.close();
    } catch (Exception e) {
      // JVM exit: nothing more to do
    }
  }
}
