package io.synthos.bench;

import io.synthos.orchestrator.execution.JobEvents;
import io.synthos.orchestrator.execution.JobExecutors;
import io.synthos.orchestrator.execution.Scheduler;
import io.synthos.orchestrator.execution.SchedulerSettings;
import io.synthos.orchestrator.jobs.ExponentialBackoff;
import io.synthos.orchestrator.jobs.JobStore;
import io.synthos.orchestrator.jobs.ResourceEstimator;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.synthos.platform.FreePort;
import io.synthos.platform.config.Secret;
import io.synthos.platform.db.PgSettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.HdrHistogram.Histogram;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;

/** What every benchmark shares: fresh databases, a Synthos node without verticles, reporting. */
final class BenchSupport {

  /** Where PostgreSQL listens; {@code -Dbench.pg=host:port} overrides. User postgres, trust. */
  /** The password of the users the benchmarks register. */
  static final String USER_PASSWORD = "bench-User-pass-2026";

  static final String SERVER = System.getProperty("bench.pg", "127.0.0.1:5432");

  private BenchSupport() {}

  static int intProperty(String name, int fallback) {
    return Integer.getInteger(name, fallback);
  }

  static double doubleProperty(String name, double fallback) {
    String value = System.getProperty(name);
    return value == null ? fallback : Double.parseDouble(value);
  }

  /** Creates an empty database named {@code prefix_<millis>}: every run starts cold and equal. */
  static String freshDatabase(String prefix) {
    String name = prefix + "_" + System.currentTimeMillis();
    execute("postgres", "CREATE DATABASE " + name);
    return name;
  }

  static void dropDatabase(String name) {
    execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** A fresh database with Synthos's migrations, as the product's start-up applies them. */
  static String migratedDatabase(String prefix) {
    String name = freshDatabase(prefix);
    Flyway.configure()
        .dataSource(jdbcUrl(name), "postgres", null)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return name;
  }

  static String jdbcUrl(String database) {
    return "jdbc:postgresql://" + SERVER + "/" + database;
  }

  static PgSettings pg(String database) {
    return PgSettings.fromUrl(new Secret("postgresql://postgres@" + SERVER + "/" + database));
  }

  /** Runs SQL over JDBC, for set-up outside the measured window (bulk inserts, VACUUM). */
  static void execute(String database, String... statements) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl(database), "postgres", null);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("set-up SQL failed: " + e.getMessage(), e);
    }
  }

  /**
   * Inserts {@code count} ready no-op jobs in one statement, as {@code JobStore.insert} would write
   * them (express, pool {@code none}, ready a second ago, one microsecond apart so that the claim
   * order is total), so that only what the scheduler does is measured.
   */
  static void insertReadyJobs(String database, int count) {
    execute(
        database,
        "INSERT INTO jobs (id, type, pool, owner_id, priority, cpu_millis, memory_mib, gpus, payload,"
            + " state, max_attempts, run_after, sort_key, created_at, updated_at)"
            + " SELECT gen_random_uuid(), 'noop', 'none', gen_random_uuid(), 0, 0, 0, 0, '{}',"
            + " 'queued', 3, now() - interval '1 second' + g * interval '1 microsecond',"
            + " now() - interval '1 second' + g * interval '1 microsecond', now(), now()"
            + " FROM generate_series(1, "
            + count
            + ") AS g");
  }

  /** Runs a query over JDBC and hands each row, as strings, to {@code consumer}. */
  static void query(String database, String sql, Consumer<List<String>> consumer) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl(database), "postgres", null);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rows.getString(i));
        }
        consumer.accept(row);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + e.getMessage(), e);
    }
  }

  /**
   * Waits (up to {@code -Dbench.quietSeconds}, default 600) until the machine is nearly idle: on 2
   * cores shared with PostgreSQL, another build running beside the benchmark halves its numbers.
   * Answers the share of CPU that was busy in the last sample.
   */
  static double waitForQuietMachine() {
    long deadline =
        System.nanoTime() + TimeUnit.SECONDS.toNanos(intProperty("bench.quietSeconds", 600));
    double busy;
    do {
      busy = cpuBusy(Duration.ofSeconds(2));
    } while (busy > 0.25 && System.nanoTime() < deadline);
    return busy;
  }

  /** The share of all cores busy over {@code sample}, from /proc/stat (0 where there is none). */
  static double cpuBusy(Duration sample) {
    try {
      long[] before = cpuTicks();
      Thread.sleep(sample.toMillis());
      long[] after = cpuTicks();
      double total = after[0] - before[0];
      return total == 0 ? 0 : 1 - (after[1] - before[1]) / total;
    } catch (IOException | InterruptedException e) {
      return 0;
    }
  }

  /** The share of all cores busy since {@code before} was read with {@link #cpuTicks}. */
  static double busySince(long[] before) {
    try {
      long[] after = cpuTicks();
      double total = after[0] - before[0];
      return total == 0 ? 0 : 1 - (after[1] - before[1]) / total;
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Of the CPU time all cores spent busy since {@code before}, the share this JVM used; on a quiet
   * machine the rest is PostgreSQL. /proc/stat counts in USER_HZ (100 per second).
   */
  static double jvmShareSince(long[] before, long jvmCpuNanosBefore) {
    try {
      long[] after = cpuTicks();
      double busySeconds = ((after[0] - before[0]) - (after[1] - before[1])) / 100.0;
      double jvmSeconds = (jvmCpuNanos() - jvmCpuNanosBefore) / 1e9;
      return busySeconds == 0 ? 0 : Math.min(1, jvmSeconds / busySeconds);
    } catch (IOException e) {
      return 0;
    }
  }

  /** CPU time this JVM has used, all threads. */
  static long jvmCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Total and idle (idle + iowait) jiffies of all CPUs. */
  static long[] cpuTicks() throws IOException {
    String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long total = 0;
    for (int i = 1; i < fields.length; i++) {
      total += Long.parseLong(fields[i]);
    }
    return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
  }

  /** Keeps the benchmark's output readable: the libraries' start/stop lines are not results. */
  static void quietLogs() {
    for (String name : new String[] {"com.github.kagkarlsson", "com.zaxxer", "org.flywaydb"}) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name))
          .setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  /** A scheduler on a context of its own, as {@code SchedulerVerticle} builds it. */
  record Node(Scheduler scheduler, Context context, JobStore store, Pool pool) {

    void start() {
      context.runOnContext(v -> scheduler.start());
    }

    void stop() {
      await(Future.<Void>future(p -> context.runOnContext(v -> scheduler.stop().onComplete(p))));
    }
  }

  static Node node(
      Vertx vertx,
      String database,
      SchedulerSettings settings,
      UnaryOperator<JobExecutors> custom) {
    Pool pool = pg(database).pool(vertx, 10);
    JobStore store = new JobStore(pool);
    PipelineStore pipelines = new PipelineStore(pool, store, new ResourceEstimator());
    Clock clock = Clock.systemUTC();
    Scheduler scheduler =
        new Scheduler(
            vertx,
            store,
            pipelines,
            custom.apply(
                new JobExecutors(vertx, null, null, null, pipelines, Duration.ofMinutes(30))),
            new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5), Math::random),
            clock,
            settings,
            new JobEvents(vertx.eventBus(), clock));
    return new Node(scheduler, vertx.getOrCreateContext(), store, pool);
  }

  /** Settings with the given concurrency, claim batch, completion batch and poll. */
  static SchedulerSettings settings(
      int concurrency, int claimBatch, int completionBatch, int poll) {
    return new SchedulerSettings(
        "bench",
        concurrency,
        claimBatch,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofMillis(poll),
        Duration.ofSeconds(5),
        completionBatch);
  }

  /** A histogram of microseconds from 1 µs to 10 min, 3 significant digits. */
  static Histogram micros() {
    return new Histogram(1, TimeUnit.MINUTES.toMicros(10), 3);
  }

  /** "p50 1.23 ms p99 4.56 ms max 7.89 ms (n=1000)". */
  static String summary(Histogram micros) {
    return String.format(
        "p50 %s  p99 %s  max %s  (n=%d)",
        ms(micros.getValueAtPercentile(50)),
        ms(micros.getValueAtPercentile(99)),
        ms(micros.getMaxValue()),
        micros.getTotalCount());
  }

  /** "p50 1.23 ms p90 … p99 … p99.9 … max …", the figures a latency report gives. */
  static String percentiles(Histogram micros) {
    return String.format(
        "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s",
        ms(micros.getValueAtPercentile(50)),
        ms(micros.getValueAtPercentile(90)),
        ms(micros.getValueAtPercentile(99)),
        ms(micros.getValueAtPercentile(99.9)),
        ms(micros.getMaxValue()));
  }

  /**
   * The environment of an in-process node on {@code database}: the shared Redis, a private data
   * directory, free ports for HTTP, the dashboard and gRPC.
   */
  static java.util.Map<String, String> nodeEnvironment(String database) throws IOException {
    java.util.Map<String, String> env = new java.util.HashMap<>();
    env.put("DATABASE_URL", "postgresql://postgres@" + SERVER + "/" + database);
    env.put("REDIS_URL", "redis://127.0.0.1:6379");
    env.put("SYNTHOS_DATA_DIR", Files.createTempDirectory("synthos-" + database).toString());
    env.put("PORT", String.valueOf(freePort()));
    env.put("ADMIN_PORT", String.valueOf(freePort()));
    env.put("GRPC_PORT", String.valueOf(freePort()));
    return env;
  }

  static int freePort() {
    return FreePort.find();
  }

  static String ms(long micros) {
    return micros >= 1_000_000
        ? String.format("%.2f s", micros / 1e6)
        : String.format("%.2f ms", micros / 1e3);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("future failed: " + e.getMessage(), e);
    }
  }

  /** Runs {@code onSuccess} for every job success published on {@code vertx}'s event bus. */
  static void onJobSucceeded(Vertx vertx, Runnable onSuccess) {
    await(
        vertx
            .eventBus()
            .<io.vertx.core.json.JsonObject>consumer(
                io.synthos.orchestrator.OrchestratorAddresses.JOB_EVENTS,
                message -> {
                  if ("succeeded".equals(message.body().getString("state"))) {
                    onSuccess.run();
                  }
                })
            .completion());
  }

  /** Registers {@code email} through the API on {@code port} and logs in: its access token. */
  static String signUp(int port, String email) throws Exception {
    JsonObject login = new JsonObject().put("email", email).put("password", USER_PASSWORD);
    HttpResponse<String> registered =
        post(port, "/api/v1/auth/register", null, login.copy().put("name", "Bench user"));
    if (registered.statusCode() != 201) {
      throw new IllegalStateException("registration failed: " + registered.body());
    }
    HttpResponse<String> pair = post(port, "/api/v1/auth/login", null, login);
    if (pair.statusCode() != 200) {
      throw new IllegalStateException("login failed: " + pair.body());
    }
    return new JsonObject(pair.body()).getString("access_token");
  }

  /** A JSON POST to the API on {@code port}, with a bearer token unless it is null. */
  static HttpResponse<String> post(int port, String path, String token, JsonObject body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
