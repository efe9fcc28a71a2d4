package io.synthos.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.platform.FreePort;
import io.synthos.platform.config.Secret;
import io.synthos.platform.db.PgSettings;
import io.synthos.testing.EventStream;
import io.synthos.testing.EventStream.Event;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeProcess;
import io.synthos.testing.TestDatasets;
import io.synthos.testing.TestInfra;
import io.synthos.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three JVMs joined over 127.0.0.1 into one Vert.x cluster: node 1 serves the API, auth and the
 * dashboard; node 2 runs a scheduler and the resource tracker; node 3 runs a scheduler, the
 * resource tracker and the three ML services. No node shares anything but PostgreSQL, Redis and the
 * cluster.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("A cluster of three nodes")
class ClusterFailoverTest {

  private static final int VALIDATIONS = 6;
  private static final Duration LEASE = Duration.ofSeconds(30);

  private Path dir;
  private final Map<String, NodeProcess> nodes = new HashMap<>();
  private final Map<String, Map<String, String>> envs = new HashMap<>();
  private final Map<String, String> nodeIds = new HashMap<>();
  private Secret database;
  private String api;
  private String token;
  private String real;
  private String synthetic;

  @BeforeAll
  void startCluster() throws Exception {
    dir = Files.createTempDirectory("synthos-cluster");
    database = TestInfra.get().freshDatabase();
    int[] hazelcast = {FreePort.find(), FreePort.find(), FreePort.find()};
    String members =
        "127.0.0.1:" + hazelcast[0] + ",127.0.0.1:" + hazelcast[1] + ",127.0.0.1:" + hazelcast[2];
    Map<String, String> ml = new HashMap<>();
    ml.put("DATA_SERVICE_ADDR", "127.0.0.1:" + FreePort.find());
    ml.put("VALIDATION_SERVICE_ADDR", "127.0.0.1:" + FreePort.find());
    ml.put("COLLAPSE_SERVICE_ADDR", "127.0.0.1:" + FreePort.find());
    for (int n = 1; n <= 3; n++) {
      Map<String, String> env = new HashMap<>(ml);
      env.put("DATABASE_URL", database.value());
      env.put("REDIS_URL", TestInfra.get().redisUrl());
      env.put("JWT_SECRET", TestNode.JWT_SECRET);
      env.put("SYNTHOS_SERVICE_SECRET", TestNode.SERVICE_SECRET);
      env.put("RATE_LIMIT_LOGIN_PER_IP", "10000");
      env.put("RATE_LIMIT_REGISTER_PER_IP", "10000");
      env.put("RATE_LIMIT_PER_USER", "10000");
      env.put("SYNTHOS_BIND_HOST", "127.0.0.1");
      env.put("SYNTHOS_DATA_DIR", Files.createDirectories(dir.resolve("node" + n)).toString());
      env.put("PORT", String.valueOf(FreePort.find()));
      env.put("ADMIN_PORT", String.valueOf(FreePort.find()));
      env.put("GRPC_PORT", String.valueOf(FreePort.find()));
      env.put("WORKERS", "1");
      env.put("ML_WORKER_THREADS", "1");
      // Capacity as configured, not measured from these small heaps.
      env.put("POOL_DATA_CAPACITY", "4000:8192:0");
      env.put("POOL_VALIDATION_CAPACITY", "4000:8192:0");
      env.put("POOL_COLLAPSE_CAPACITY", "4000:8192:0");
      env.put("SYNTHOS_CLUSTER_HOST", "127.0.0.1");
      env.put("SYNTHOS_CLUSTER_PORT", String.valueOf(hazelcast[n - 1]));
      env.put("SYNTHOS_CLUSTER_MEMBERS", members);
      envs.put("node" + n, env);
    }
    // Node 1 asks for the cluster on the command line, the others through the environment.
    envs.get("node2").put("SYNTHOS_CLUSTER", "true");
    envs.get("node3").put("SYNTHOS_CLUSTER", "true");
    start("node1");
    start("node2");
    start("node3");
    for (String node : List.of("node1", "node2", "node3")) {
      nodeIds.put(node, nodes.get(node).awaitStarted());
    }
    api = "http://127.0.0.1:" + envs.get("node1").get("PORT");
    awaitClusterSize(3);
    token = TestNode.newAccessToken(api);
    real = readyDataset("real.csv", people(1500, 1));
    synthetic = readyDataset("synthetic.csv", people(1500, 2));
  }

  private void start(String node) throws Exception {
    String[] args =
        switch (node) {
          case "node1" -> new String[] {"--roles", "api,auth,dashboard", "--cluster"};
          case "node2" -> new String[] {"--roles", "orchestrator,resources"};
          default -> new String[] {"--roles", "orchestrator,resources,data,validation,collapse"};
        };
    nodes.put(node, NodeProcess.start(node, dir, envs.get(node), args));
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (NodeProcess node : nodes.values()) {
      if (node.alive()) {
        node.kill();
      }
    }
  }

  @Test
  @Order(1)
  @DisplayName("re-runs a killed scheduler's jobs at once on another node, each exactly once")
  void killedNode() throws Exception {
    List<String> ids = new ArrayList<>();
    List<CompletableFuture<EventStream.Outcome>> streams = new ArrayList<>();
    String node2 = nodeIds.get("node2");
    // Kill node 2 while it runs an ML stage, the long ones. Frozen first (SIGSTOP), so that what
    // it holds cannot finish between the look and the kill; if it finished just before, let it
    // go on and wait for the next one. On a fast machine a whole batch can end before node 2 is
    // seen holding a stage: then another batch starts.
    List<String> held = List.of();
    for (int attempt = 0; attempt < 20 && held.isEmpty(); attempt++) {
      if (unfinished(ids) == 0) {
        startValidations(ids, streams);
      }
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> !heldBy(node2, true).isEmpty() || unfinished(ids) == 0);
      if (heldBy(node2, true).isEmpty()) {
        continue;
      }
      nodes.get("node2").pause();
      held = heldBy(node2, false);
      if (held.isEmpty()) {
        nodes.get("node2").resume();
      }
    }

    long killed = System.nanoTime();
    nodes.get("node2").kill();
    // What the dead node still held: each of these must run again elsewhere.
    assertThat(held).as("node 2 died holding jobs").isNotEmpty();
    await()
        .atMost(LEASE.minusSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> heldBy(node2, false).isEmpty());
    long releasedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    awaitClusterSize(2);

    List<List<Event>> streamed = new ArrayList<>();
    for (CompletableFuture<EventStream.Outcome> stream : streams) {
      streamed.add(stream.get(3, TimeUnit.MINUTES).events());
    }
    long completedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    for (List<Event> events : streamed) {
      // Node 1 runs no scheduler: every event it streamed was published on node 2 or node 3.
      assertThat(events).extracting(e -> e.data().getString("status")).contains("running");
      assertThat(events)
          .filteredOn(e -> "completed".equals(e.data().getString("status")))
          .hasSize(1);
    }
    for (String id : ids) {
      Response validation =
          HttpProbe.get(api + "/api/v1/validations/" + id, "Authorization", "Bearer " + token);
      assertThat(validation.json().getString("status")).isEqualTo("completed");
      assertThat(validation.json().getDouble("score")).isNotNull();
    }
    // Every stage of every validation ran to one success and wrote one result.
    assertThat(
            count(
                "SELECT count(*) FROM jobs WHERE pipeline_id = ANY(?::uuid[]) AND state <> 'succeeded'",
                ids))
        .isZero();
    assertThat(count("SELECT count(*) FROM stage_results WHERE pipeline_id = ANY(?::uuid[])", ids))
        .isEqualTo(count("SELECT count(*) FROM jobs WHERE pipeline_id = ANY(?::uuid[])", ids));
    // What node 2 was running when it died ran again, elsewhere, well before its lease expired.
    assertThat(
            count(
                "SELECT count(*) FROM jobs WHERE id = ANY(?::uuid[]) AND attempts = 2 AND state = 'succeeded'",
                held))
        .isPositive();
    assertThat(releasedMs).isLessThan(LEASE.toMillis());
    // A validation whose pipeline ended just as node 2 died may have asked it for the report; it
    // asks again instead of waiting for the janitor (a minute and more).
    assertThat(completedMs).isLessThan(2 * LEASE.toMillis());
    System.out.printf(
        "cluster: node 2's %d job(s) released %d ms after SIGKILL, every validation completed"
            + " after %d ms%n",
        held.size(), releasedMs, completedMs);
    Files.writeString(
        Path.of("target", "cluster-recovery.txt"),
        "jobs="
            + held.size()
            + " released_ms="
            + releasedMs
            + " completed_ms="
            + completedMs
            + "\n",
        StandardCharsets.UTF_8);
  }

  @Test
  @Order(2)
  @DisplayName("lets a stopped API node rejoin and serve validations run on another node")
  void restartedNode() throws Exception {
    assertThat(nodes.get("node1").stop()).isZero();
    assertThat(nodes.get("node1").output()).contains("stopped");
    start("node1");
    nodes.get("node1").awaitStarted();
    awaitClusterSize(2);

    String id = createValidation();
    List<Event> events =
        EventStream.read(
                api + "/api/v1/validations/" + id + "/events",
                event -> {},
                "Authorization",
                "Bearer " + token)
            .events();
    assertThat(events.get(events.size() - 1).data().getString("status")).isEqualTo("completed");
  }

  private void awaitClusterSize(int members) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              Response ready = HttpProbe.get(api + "/health/ready");
              return ready.body().contains("\"checks\"")
                  && ready.check("cluster").getInteger("members", 0) == members;
            });
  }

  private String createValidation() {
    Response created =
        HttpProbe.postJson(
            api + "/api/v1/validations/create",
            new JsonObject()
                .put("dataset_id", synthetic)
                .put("reference_dataset_id", real)
                .put("target_column", "member"),
            "Authorization",
            "Bearer " + token);
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    return created.json().getString("validation_id");
  }

  private String readyDataset(String name, String csv) {
    return TestDatasets.ready(path -> api + path, token, name, csv);
  }

  private static String people(int rows, long seed) {
    return TestDatasets.people(rows, seed);
  }

  /** Jobs running under a lease held by {@code node}: all, or only its ML stages. */
  /** Starts {@link #VALIDATIONS} validations, each followed by its event stream. */
  private void startValidations(
      List<String> ids, List<CompletableFuture<EventStream.Outcome>> streams) {
    for (int i = 0; i < VALIDATIONS; i++) {
      String id = createValidation();
      ids.add(id);
      streams.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return EventStream.read(
                      api + "/api/v1/validations/" + id + "/events",
                      event -> {},
                      "Authorization",
                      "Bearer " + token);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
  }

  /** How many of the validations {@code ids} have not ended yet. */
  private long unfinished(List<String> ids) throws SQLException {
    return count(
        "SELECT count(*) FROM validations WHERE id = ANY(?::uuid[])"
            + " AND status IN ('queued', 'running')",
        ids);
  }

  private List<String> heldBy(String node, boolean mlStagesOnly) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection connection = connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT id FROM jobs WHERE state = 'running' AND lease_owner = ?"
                    + " AND (NOT ? OR type IN ('validation.validate', 'collapse.analyse'))")) {
      query.setString(1, node);
      query.setBoolean(2, mlStagesOnly);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  private long count(String sql, List<String> ids) throws SQLException {
    try (Connection connection = connect();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setArray(1, connection.createArrayOf("text", ids.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private Connection connect() throws SQLException {
    PgSettings settings = PgSettings.fromUrl(database);
    return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
  }
}
