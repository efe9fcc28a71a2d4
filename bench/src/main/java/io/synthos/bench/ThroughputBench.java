package io.synthos.bench;

import static io.synthos.bench.BenchSupport.doubleProperty;
import static io.synthos.bench.BenchSupport.intProperty;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.synthos.orchestrator.execution.SchedulerSettings;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Burns down N already-enqueued no-op jobs on one node, Synthos's scheduler against db-scheduler
 * (lock-and-fetch), each on a fresh database of the same PostgreSQL, in the same JVM, alternating
 * which goes first. Only the burn-down is timed: from starting the scheduler to the last completion
 * committed.
 */
public final class ThroughputBench {

  private static final int JOBS = intProperty("bench.jobs", 100_000);
  private static final int RUNS = intProperty("bench.runs", 3);
  private static final int WARMUP = intProperty("bench.warmup", 10_000);
  private static final String ONLY = System.getProperty("bench.only", "");

  // Synthos: big claims, concurrency twice the claim batch (with the two equal, every completion
  // batch frees a few slots and the next claim takes only those: a median of 3 jobs per claim),
  // completion batches as big as the claims, a short poll. Found by the sweep in RESULTS.md.
  private static final SchedulerSettings SYNTHOS =
      BenchSupport.settings(
          intProperty("bench.concurrency", 1024),
          intProperty("bench.claimBatch", 512),
          intProperty("bench.completionBatch", 1024),
          intProperty("bench.pollMs", 50));

  // db-scheduler: executor threads (and as many pooled connections, plus its own few), the
  // lock-and-fetch limits as fractions of the threads, and its polling interval. Many threads
  // and a deep fetch suit it: each completion is its own DELETE and commit, and concurrent
  // commits share their WAL flushes. Found by the sweep in RESULTS.md.
  private static final int THREADS = intProperty("bench.threads", 64);
  private static final double LOWER = doubleProperty("bench.lower", 1.0);
  private static final double UPPER = doubleProperty("bench.upper", 16.0);
  private static final int DBS_POLL_MS = intProperty("bench.dbsPollMs", 50);

  private ThroughputBench() {}

  public static void main(String[] args) throws Exception {
    BenchSupport.quietLogs();
    System.out.printf(
        "jobs %d, runs %d; synthos %s; db-scheduler threads %d, lockAndFetch(%.2f, %.2f), poll %d ms%n",
        JOBS, RUNS, SYNTHOS, THREADS, LOWER, UPPER, DBS_POLL_MS);
    List<Double> synthos = new ArrayList<>();
    List<Double> dbScheduler = new ArrayList<>();
    for (boolean isSynthos : new boolean[] {true, false}) {
      if (WARMUP > 0 && selected(isSynthos)) {
        // Warms the JIT, so that the first measured run is not the cold one.
        run(isSynthos, WARMUP);
      }
    }
    for (int i = 0; i < RUNS; i++) {
      boolean synthosFirst = i % 2 == 0;
      for (boolean isSynthos : new boolean[] {synthosFirst, !synthosFirst}) {
        if (!selected(isSynthos)) {
          continue;
        }
        double busyBefore = BenchSupport.waitForQuietMachine();
        Result result = run(isSynthos, JOBS);
        (isSynthos ? synthos : dbScheduler).add(result.rate());
        System.out.printf(
            "run %d %-12s %,8.0f jobs/s  (%d jobs in %.2f s; CPU busy %.0f%% before, %.0f%% during,"
                + " %.0f%% of it this JVM)%n",
            i + 1,
            name(isSynthos),
            result.rate(),
            JOBS,
            result.seconds(),
            busyBefore * 100,
            result.cpuBusy() * 100,
            result.jvmShare() * 100);
      }
    }
    report("synthos", synthos);
    report("db-scheduler", dbScheduler);
    if (!synthos.isEmpty() && !dbScheduler.isEmpty()) {
      System.out.printf("ratio (medians) %.2fx%n", median(synthos) / median(dbScheduler));
    }
  }

  /** One burn-down: how long it took and how busy both cores were meanwhile. */
  record Result(int jobs, double seconds, double cpuBusy, double jvmShare) {
    double rate() {
      return jobs / seconds;
    }

    /** Ends the timed window opened by {@link Meter#start}. */
    static Result since(int jobs, Meter meter) {
      return new Result(
          jobs,
          (System.nanoTime() - meter.startNanos()) / 1e9,
          BenchSupport.busySince(meter.ticks()),
          BenchSupport.jvmShareSince(meter.ticks(), meter.jvmNanos()));
    }
  }

  /** What a timed window starts from: the clock, the machine's CPU ticks, this JVM's CPU time. */
  record Meter(long startNanos, long[] ticks, long jvmNanos) {
    static Meter start() throws java.io.IOException {
      return new Meter(System.nanoTime(), BenchSupport.cpuTicks(), BenchSupport.jvmCpuNanos());
    }
  }

  private static Result run(boolean isSynthos, int jobs) throws Exception {
    return isSynthos ? synthos(jobs) : dbScheduler(jobs);
  }

  private static boolean selected(boolean isSynthos) {
    return ONLY.isEmpty() || ONLY.equals(name(isSynthos));
  }

  private static String name(boolean isSynthos) {
    return isSynthos ? "synthos" : "db-scheduler";
  }

  /** Jobs per second for Synthos: inserted in one statement, then burnt down. */
  static Result synthos(int jobs) throws Exception {
    String database = BenchSupport.migratedDatabase("bench_synthos");
    BenchSupport.insertReadyJobs(database, jobs);
    BenchSupport.execute(database, "VACUUM ANALYZE jobs");
    if (Boolean.getBoolean("bench.logSql")) {
      // Profiling only: every statement's server time goes to the PostgreSQL log; slows the run.
      BenchSupport.execute(
          database, "ALTER DATABASE " + database + " SET log_min_duration_statement = 0");
    }
    Vertx vertx = Vertx.vertx();
    try {
      CountDownLatch done = new CountDownLatch(jobs);
      // Completions are counted from the events the scheduler publishes after each commit.
      BenchSupport.onJobSucceeded(vertx, done::countDown);
      BenchSupport.Node node =
          BenchSupport.node(vertx, database, SYNTHOS, UnaryOperator.identity());
      Meter meter = Meter.start();
      node.start();
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("synthos left " + done.getCount() + " jobs");
      }
      Result result = Result.since(jobs, meter);
      node.stop();
      BenchSupport.await(node.pool().close());
      printBatches(database);
      return result;
    } finally {
      BenchSupport.await(vertx.close());
      BenchSupport.dropDatabase(database);
    }
  }

  /** Jobs per second for db-scheduler: inserted into its table directly, then burnt down. */
  static Result dbScheduler(int jobs) throws Exception {
    String database = BenchSupport.freshDatabase("bench_dbscheduler");
    BenchSupport.execute(
        database,
        // db-scheduler's own PostgreSQL schema (postgresql_tables.sql in its repository, 16.x).
        "CREATE TABLE scheduled_tasks (task_name TEXT NOT NULL, task_instance TEXT NOT NULL,"
            + " task_data BYTEA, execution_time TIMESTAMPTZ NOT NULL, picked BOOLEAN NOT NULL,"
            + " picked_by TEXT, last_success TIMESTAMPTZ, last_failure TIMESTAMPTZ,"
            + " consecutive_failures INT, last_heartbeat TIMESTAMPTZ, version BIGINT NOT NULL,"
            + " priority SMALLINT, PRIMARY KEY (task_name, task_instance))",
        "CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)",
        "CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)",
        "CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time)",
        "INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)"
            + " SELECT 'noop', 'job-' || g, now() - interval '1 second' + g * interval '1 microsecond',"
            + " false, 1 FROM generate_series(1, "
            + jobs
            + ") AS g",
        "VACUUM ANALYZE scheduled_tasks");
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(BenchSupport.jdbcUrl(database));
    pool.setUsername("postgres");
    // One connection per executor thread, plus the fetcher, heartbeats and housekeeping.
    pool.setMaximumPoolSize(THREADS + 4);
    try (HikariDataSource dataSource = new HikariDataSource(pool)) {
      CountDownLatch done = new CountDownLatch(jobs);
      OneTimeTask<Void> noop = Tasks.oneTime("noop").execute((instance, context) -> {});
      Scheduler scheduler =
          Scheduler.create(dataSource, noop)
              .threads(THREADS)
              .pollUsingLockAndFetch(LOWER, UPPER)
              .pollingInterval(Duration.ofMillis(DBS_POLL_MS))
              .heartbeatInterval(Duration.ofSeconds(10))
              .addSchedulerListener(
                  new AbstractSchedulerListener() {
                    @Override
                    public void onExecutionComplete(ExecutionComplete complete) {
                      done.countDown();
                    }
                  })
              .build();
      Meter meter = Meter.start();
      scheduler.start();
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("db-scheduler left " + done.getCount() + " jobs");
      }
      Result result = Result.since(jobs, meter);
      scheduler.stop();
      return result;
    } finally {
      BenchSupport.dropDatabase(database);
    }
  }

  /**
   * Where Synthos's time goes, read back from the rows: every job of one claim transaction shares
   * its {@code started_at}, every job of one completion batch its {@code finished_at}.
   */
  private static void printBatches(String database) {
    for (String column : new String[] {"started_at", "finished_at"}) {
      BenchSupport.query(
          database,
          "SELECT count(*), round(avg(n), 1), min(n), percentile_disc(0.5) WITHIN GROUP (ORDER BY n),"
              + " max(n), round(extract(epoch FROM max(at) - min(at)) * 1000 / greatest(count(*) - 1, 1), 2)"
              + " FROM (SELECT "
              + column
              + " AS at, count(*) AS n FROM jobs GROUP BY 1) AS batches",
          row ->
              System.out.printf(
                  "  %s: %s transactions, jobs per transaction mean %s min %s median %s max %s,"
                      + " one every %s ms%n",
                  column.equals("started_at") ? "claims     " : "completions",
                  row.get(0),
                  row.get(1),
                  row.get(2),
                  row.get(3),
                  row.get(4),
                  row.get(5)));
    }
  }

  private static void report(String name, List<Double> rates) {
    if (!rates.isEmpty()) {
      System.out.printf("%-12s median %,.0f jobs/s of %s%n", name, median(rates), rates);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
