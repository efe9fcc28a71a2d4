package io.synthos.testing;

import static org.awaitility.Awaitility.await;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.synthos.launcher.Launcher;
import io.synthos.launcher.Role;
import io.synthos.launcher.RunningNode;
import io.synthos.launcher.StartupException;
import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.PgSettings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A Synthos process started in the test JVM with the API, auth and orchestrator roles (or the roles
 * chosen), on a fresh database and the test Redis, every server on a free port; returns once the
 * schema is migrated.
 */
public final class TestNode implements AutoCloseable {

  public static final String JWT_SECRET = "test-node-secret-of-at-least-thirty-two-characters";

  /**
   * The ML services' secret of tests whose nodes are separate processes, which must share one (a
   * node alone makes its own).
   */
  public static final String SERVICE_SECRET = "test-nodes-service-secret-of-at-least-32-characters";

  public static final String PASSWORD = "violet-Orbit-42-lantern";

  private final RunningNode node;
  private final String base;

  private TestNode(RunningNode node) {
    this.node = node;
    this.base = "http://127.0.0.1:" + node.config().http().port();
  }

  /** Starts a node; {@code env} adds or overrides environment variables. */
  public static TestNode start(Map<String, String> env) throws IOException, StartupException {
    return start(env, EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR));
  }

  /**
   * Starts a node with only {@code roles}, such as API and AUTH with a fake orchestrator deployed
   * on {@link #vertx()} in its place.
   */
  public static TestNode start(Map<String, String> env, Set<Role> roles)
      throws IOException, StartupException {
    return start(env, roles, null);
  }

  /**
   * Starts a node whose spans, when {@code ENABLE_TRACING} is on, go to {@code spanExporter} (such
   * as an in-memory one) instead of an OTLP collector.
   */
  public static TestNode start(Map<String, String> env, Set<Role> roles, SpanExporter spanExporter)
      throws IOException, StartupException {
    Map<String, String> all = TestConfigs.freePorts();
    all.put("DATABASE_URL", TestInfra.get().freshDatabase().value());
    all.put("REDIS_URL", TestInfra.get().redisUrl());
    all.put("SYNTHOS_DATA_DIR", Files.createTempDirectory("synthos-node").toString());
    all.put("JWT_SECRET", JWT_SECRET);
    // Generous limits, so tests that are not about limits never meet them.
    all.put("RATE_LIMIT_LOGIN_PER_IP", "10000");
    all.put("RATE_LIMIT_REGISTER_PER_IP", "10000");
    all.put("RATE_LIMIT_PER_USER", "10000");
    all.putAll(env);
    SynthosConfig config = ConfigLoader.load(Optional.empty(), all);
    TestNode node = new TestNode(Launcher.start(config, roles, spanExporter));
    // The schema migrates in the background once the process runs: wait until it is current.
    await().atMost(Duration.ofSeconds(60)).until(node::migrated);
    if (roles.contains(Role.ORCHESTRATOR)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> "UP".equals(HttpProbe.get(node.url("/health/ready")).checks().get("postgres")));
    }
    return node;
  }

  /** Whether the schema is current: the migration records the node's start once it is done. */
  private boolean migrated() {
    PgSettings settings = PgSettings.fromUrl(config().database().url());
    try (Connection connection =
            DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        PreparedStatement query =
            connection.prepareStatement("SELECT 1 FROM node_starts WHERE node_id = ?")) {
      query.setString(1, node.node().id());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    } catch (SQLException e) {
      return false; // node_starts does not exist until the first migration has run
    }
  }

  /** Registers a new user and logs in; answers the login's token pair. */
  public JsonObject newSession() {
    return newSession(base);
  }

  /** The access token of a new user. */
  public String newAccessToken() {
    return newSession().getString("access_token");
  }

  /**
   * Registers a new user through the API at {@code base} and logs in; answers the token pair. A
   * node that has just started (or whose auth role is on another cluster member not yet seen) may
   * refuse the registration for a moment, so it is retried for up to 30 s.
   */
  public static JsonObject newSession(String base) {
    String email = "user-" + UUID.randomUUID() + "@example.com";
    JsonObject login = new JsonObject().put("email", email).put("password", PASSWORD);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                HttpProbe.postJson(base + "/api/v1/auth/register", login.copy().put("name", "Ada"))
                        .status()
                    == 201);
    HttpProbe.Response pair = HttpProbe.postJson(base + "/api/v1/auth/login", login);
    if (pair.status() != 200) {
      throw new AssertionError("login failed: " + pair.body());
    }
    return pair.json().put("email", email);
  }

  /** The access token of a new user of the API at {@code base}. */
  public static String newAccessToken(String base) {
    return newSession(base).getString("access_token");
  }

  public String url(String path) {
    return base + path;
  }

  public SynthosConfig config() {
    return node.config();
  }

  /** The node's Vert.x instance, to deploy fakes beside its verticles. */
  public Vertx vertx() {
    return node.vertx();
  }

  @Override
  public void close() {
    node.close();
  }
}
