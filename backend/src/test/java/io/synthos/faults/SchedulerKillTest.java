package io.synthos.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.platform.config.Secret;
import io.synthos.platform.db.PgSettings;
import io.synthos.testing.NodeProcess;
import io.synthos.testing.TestConfigs;
import io.synthos.testing.TestInfra;
import io.synthos.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scheduler nodes killed with SIGKILL, one after every thousand or so completed jobs and always one
 * holding running jobs, while 10,000 jobs run. Each node is its own JVM sharing only PostgreSQL,
 * not clustered, so a dead node's jobs come back only when their leases run out. Every claim and
 * every completion is recorded by a trigger on the jobs table (an observer added by the test, not
 * part of the schema), which lets the test check what the queue promises: every job completed, none
 * completed twice or by a node that had lost it, and every job a killed node held claimed again
 * within twice the lease.
 */
@Tag("slow")
@DisplayName("Scheduler nodes killed under load")
class SchedulerKillTest {

  private static final int JOBS = 10_000;
  private static final int HOLD_MS = 1_000;
  private static final int NODES = 3;
  private static final Duration LEASE = Duration.ofSeconds(5);
  private static final int KILLS = 8;

  /** Jobs that complete between two kills: the 10,000 span every kill. */
  private static final int JOBS_BETWEEN_KILLS = JOBS / (KILLS + 2);

  private final List<NodeProcess> processes = new ArrayList<>();
  private final Map<NodeProcess, String> nodeIds = new LinkedHashMap<>();
  private final Map<String, Instant> killedAt = new HashMap<>();
  private Path dir;
  private Secret database;
  private int started;

  @AfterEach
  void killAll() throws InterruptedException {
    for (NodeProcess process : processes) {
      if (process.alive()) {
        process.kill();
      }
    }
  }

  @Test
  @DisplayName("every job completes exactly once, and a killed node's jobs re-run within 2x lease")
  void killedUnderLoad() throws Exception {
    dir = Files.createTempDirectory("synthos-kill");
    database = TestInfra.get().freshDatabase();
    for (int n = 0; n < NODES; n++) {
      startNode();
    }
    awaitAllStarted();
    TestInfra.execute(database, OBSERVER);
    TestInfra.execute(database, jobs(JOBS));

    Random random = new Random(20261127);
    for (int kill = 0; kill < KILLS && count("state <> 'succeeded'") > 0; kill++) {
      long next = Math.min(count("state = 'succeeded'") + JOBS_BETWEEN_KILLS, JOBS);
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> count("state = 'succeeded'") >= next);
      // A node that holds running jobs at this moment, so that every kill interrupts work.
      List<String> holding = owners();
      List<NodeProcess> live =
          nodeIds.entrySet().stream()
              .filter(node -> node.getKey().alive() && holding.contains(node.getValue()))
              .map(Map.Entry::getKey)
              .toList();
      if (live.isEmpty()) {
        continue;
      }
      NodeProcess victim = live.get(random.nextInt(live.size()));
      victim.kill();
      killedAt.put(nodeIds.get(victim), Instant.now());
      startNode();
      awaitAllStarted();
    }

    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> count("state <> 'succeeded'") == 0);

    assertThat(count("state = 'succeeded'")).as("completed = enqueued").isEqualTo(JOBS);
    assertThat(scalar("SELECT count(*) FROM observed_completions"))
        .as("one completion per job")
        .isEqualTo(JOBS);
    assertThat(scalar("SELECT count(DISTINCT job_id) FROM observed_completions")).isEqualTo(JOBS);
    assertThat(
            scalar(
                "SELECT count(*) FROM observed_completions c WHERE c.version <>"
                    + " (SELECT max(version) FROM observed_claims k WHERE k.job_id = c.job_id)"))
        .as("completions by a node that had lost the job's lease")
        .isZero();

    List<Long> rerunMillis = rerunDelays();
    assertThat(rerunMillis).as("jobs held by killed nodes and claimed again").isNotEmpty();
    assertThat(rerunMillis)
        .as("from the kill to the job's next claim, in ms")
        .allSatisfy(millis -> assertThat(millis).isLessThanOrEqualTo(2 * LEASE.toMillis()));
    System.out.printf(
        "%d kills, %d jobs re-run, kill to re-claim max %d ms%n",
        killedAt.size(),
        rerunMillis.size(),
        rerunMillis.stream().mapToLong(Long::longValue).max().orElse(0));
  }

  /**
   * For every job whose claim was held by a node when it was killed, the time from the kill to the
   * job's next claim.
   */
  private List<Long> rerunDelays() throws SQLException {
    List<Long> delays = new ArrayList<>();
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT held.owner, extract(epoch FROM next.at) * 1000"
                    + " FROM observed_claims held JOIN observed_claims next"
                    + " ON next.job_id = held.job_id AND next.version = held.version + 1")) {
      while (rows.next()) {
        Instant kill = killedAt.get(rows.getString(1));
        if (kill != null) {
          delays.add(Math.round(rows.getDouble(2)) - kill.toEpochMilli());
        }
      }
    }
    return delays;
  }

  private void startNode() throws Exception {
    String name = "scheduler" + ++started;
    Map<String, String> env = TestConfigs.freePorts();
    env.put("DATABASE_URL", database.value());
    env.put("REDIS_URL", TestInfra.get().redisUrl());
    env.put("JWT_SECRET", TestNode.JWT_SECRET);
    env.put("SYNTHOS_DATA_DIR", Files.createDirectories(dir.resolve(name)).toString());
    env.put("JOB_LEASE_SECONDS", String.valueOf(LEASE.toSeconds()));
    NodeProcess process = NodeProcess.start(name, dir, env, "--roles", "orchestrator");
    processes.add(process);
    nodeIds.put(process, null);
  }

  private void awaitAllStarted() {
    nodeIds.replaceAll(
        (process, id) -> id != null || !process.alive() ? id : process.awaitStarted());
  }

  /** The nodes that hold running jobs now. */
  private List<String> owners() throws SQLException {
    List<String> owners = new ArrayList<>();
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT DISTINCT lease_owner FROM jobs WHERE state = 'running'")) {
      while (rows.next()) {
        owners.add(rows.getString(1));
      }
    }
    return owners;
  }

  private long count(String where) throws SQLException {
    return scalar("SELECT count(*) FROM jobs WHERE " + where);
  }

  private long scalar(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private Connection connect() throws SQLException {
    PgSettings settings = PgSettings.fromUrl(database);
    return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
  }

  /** Ready no-op jobs that each hold their slot for a second, written as the job store would. */
  private static String jobs(int count) {
    return "INSERT INTO jobs (id, type, pool, owner_id, priority, cpu_millis, memory_mib, gpus,"
        + " payload, state, max_attempts, run_after, sort_key, created_at, updated_at)"
        + " SELECT gen_random_uuid(), 'noop', 'none', gen_random_uuid(), 1, 0, 0, 0,"
        + " '{\"hold_ms\": "
        + HOLD_MS
        + "}', 'queued', 100, now() + g * interval '1 microsecond',"
        + " now() + g * interval '1 microsecond', now(), now()"
        + " FROM generate_series(1, "
        + count
        + ") AS g";
  }

  /**
   * Records every claim (a new lease version) and every write of a succeeded job, with the claim
   * that wrote it, in the database's own clock.
   */
  private static final String OBSERVER =
      """
      CREATE TABLE observed_claims (job_id UUID, version BIGINT, owner TEXT, at TIMESTAMPTZ);
      CREATE TABLE observed_completions (job_id UUID, version BIGINT, owner TEXT, at TIMESTAMPTZ);
      CREATE FUNCTION observe_job() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.lease_version <> OLD.lease_version THEN
          INSERT INTO observed_claims
          VALUES (NEW.id, NEW.lease_version, NEW.lease_owner, clock_timestamp());
        END IF;
        IF NEW.state = 'succeeded' AND (OLD.state <> 'succeeded'
            OR NEW.result IS DISTINCT FROM OLD.result
            OR NEW.finished_at IS DISTINCT FROM OLD.finished_at) THEN
          INSERT INTO observed_completions
          VALUES (NEW.id, OLD.lease_version, OLD.lease_owner, clock_timestamp());
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER observe_job AFTER UPDATE ON jobs
      FOR EACH ROW EXECUTE FUNCTION observe_job();
      """;
}
