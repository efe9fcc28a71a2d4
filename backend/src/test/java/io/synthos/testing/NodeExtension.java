package io.synthos.testing;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.synthos.launcher.Role;
import io.synthos.platform.db.PgSettings;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestNode} for a test class ({@code @RegisterExtension static}), with the Redis
 * rate-limit counters cleared before each test so no test inherits another's.
 */
public final class NodeExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

  private final Map<String, String> env;
  private final Set<Role> roles;
  private final SpanExporter spanExporter;
  private TestNode node;
  private String owner;

  public NodeExtension() {
    this(Map.of());
  }

  /** A node with these environment variables added or overridden. */
  public NodeExtension(Map<String, String> env) {
    this(env, EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR));
  }

  /**
   * A node running every service but the dashboard, each ML pool sized 4 cores and 8 GiB: the whole
   * product flow in one process.
   */
  public static NodeExtension allServices() {
    return new NodeExtension(POOLS, SERVICES);
  }

  /** Every role but the dashboard: the whole product flow in one process. */
  public static final Set<Role> SERVICES =
      Set.copyOf(
          EnumSet.of(
              Role.API,
              Role.AUTH,
              Role.ORCHESTRATOR,
              Role.RESOURCES,
              Role.DATA,
              Role.VALIDATION,
              Role.COLLAPSE));

  /** Each ML pool sized 4 cores and 8 GiB, whatever the test JVM's heap. */
  public static final Map<String, String> POOLS =
      Map.of(
          "POOL_DATA_CAPACITY", "4000:8192:0",
          "POOL_VALIDATION_CAPACITY", "4000:8192:0",
          "POOL_COLLAPSE_CAPACITY", "4000:8192:0");

  /** A node that runs only {@code roles}, with these environment variables. */
  public NodeExtension(Map<String, String> env, Set<Role> roles) {
    this(env, roles, null);
  }

  private NodeExtension(Map<String, String> env, Set<Role> roles, SpanExporter spanExporter) {
    this.env = Map.copyOf(env);
    this.roles = Set.copyOf(roles);
    this.spanExporter = spanExporter;
  }

  /**
   * This node with {@code extra} environment variables, exporting its spans (when {@code
   * ENABLE_TRACING} is on) to {@code spanExporter}.
   */
  public NodeExtension tracedTo(SpanExporter spanExporter, Map<String, String> extra) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.putAll(extra);
    return new NodeExtension(all, roles, spanExporter);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    // JUnit calls this again for each @Nested class: they share the outer class's node.
    if (node == null) {
      node = TestNode.start(env, roles, spanExporter);
      owner = context.getUniqueId();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    TestInfra.get().clearSynthosKeys();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getUniqueId().equals(owner)) {
      node.close();
      node = null;
    }
  }

  public io.synthos.platform.config.SynthosConfig config() {
    return node.config();
  }

  public String url(String path) {
    return node.url(path);
  }

  public JsonObject newSession() {
    return node.newSession();
  }

  public String newAccessToken() {
    return node.newAccessToken();
  }

  /** The id of the user whose access token this is. */
  public String userIdOf(String token) {
    return HttpProbe.get(url("/api/v1/auth/me"), "Authorization", "Bearer " + token)
        .json()
        .getString("id");
  }

  /** A JDBC connection to the node's database, for a test to look at (or set up) rows. */
  public Connection jdbc() throws SQLException {
    PgSettings settings = PgSettings.fromUrl(config().database().url());
    return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
  }

  /** The node's Vert.x instance, to deploy fakes beside its verticles. */
  public Vertx vertx() {
    return node.vertx();
  }
}
