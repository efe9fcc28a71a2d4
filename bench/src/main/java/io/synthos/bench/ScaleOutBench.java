package io.synthos.bench;

import io.synthos.orchestrator.execution.SchedulerSettings;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Burns down no-op jobs with 1, 2 and 3 scheduler nodes sharing one PostgreSQL queue. Each node is
 * its own Vert.x instance with its own event loop, pool and node id, as in separate processes; they
 * share this JVM, so also the machine's cores, as separate JVMs on one host would.
 */
public final class ScaleOutBench {

  private static final int JOBS = BenchSupport.intProperty("bench.jobs", 50_000);
  private static final int RUNS = BenchSupport.intProperty("bench.runs", 2);
  // The product's defaults (SchedulerSettings.defaults): what a deployed node runs.
  private static final SchedulerSettings DEFAULTS = SchedulerSettings.defaults("bench");

  private ScaleOutBench() {}

  public static void main(String[] args) throws Exception {
    BenchSupport.quietLogs();
    System.out.printf("jobs %d, runs %d, settings %s%n", JOBS, RUNS, DEFAULTS);
    burnDown(1, 10_000); // warm-up, unmeasured
    for (int nodes = 1; nodes <= 3; nodes++) {
      List<Double> rates = new ArrayList<>();
      for (int run = 0; run < RUNS; run++) {
        double busyBefore = BenchSupport.waitForQuietMachine();
        double seconds = burnDown(nodes, JOBS);
        rates.add(JOBS / seconds);
        System.out.printf(
            "nodes %d run %d %,8.0f jobs/s (%.2f s; CPU busy %.0f%% before)%n",
            nodes, run + 1, JOBS / seconds, seconds, busyBefore * 100);
      }
      rates.sort(Double::compare);
      System.out.printf("nodes %d median %,.0f jobs/s of %s%n", nodes, median(rates), rates);
    }
  }

  private static double burnDown(int nodes, int jobs) throws Exception {
    String database = BenchSupport.migratedDatabase("bench_scaleout");
    BenchSupport.insertReadyJobs(database, jobs);
    BenchSupport.execute(database, "VACUUM ANALYZE jobs");
    CountDownLatch done = new CountDownLatch(jobs);
    List<Vertx> instances = new ArrayList<>();
    List<BenchSupport.Node> schedulers = new ArrayList<>();
    try {
      for (int i = 0; i < nodes; i++) {
        Vertx vertx = Vertx.vertx();
        instances.add(vertx);
        BenchSupport.onJobSucceeded(vertx, done::countDown);
        schedulers.add(BenchSupport.node(vertx, database, withNodeId(i), UnaryOperator.identity()));
      }
      long start = System.nanoTime();
      schedulers.forEach(BenchSupport.Node::start);
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException(nodes + " nodes left " + done.getCount() + " jobs");
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      for (BenchSupport.Node node : schedulers) {
        node.stop();
        BenchSupport.await(node.pool().close());
      }
      return seconds;
    } finally {
      for (Vertx vertx : instances) {
        BenchSupport.await(vertx.close());
      }
      BenchSupport.dropDatabase(database);
    }
  }

  private static SchedulerSettings withNodeId(int index) {
    SchedulerSettings d = DEFAULTS;
    return new SchedulerSettings(
        "bench-node-" + index,
        d.concurrency(),
        d.claimBatch(),
        d.lease(),
        d.heartbeat(),
        d.poll(),
        d.reap(),
        d.completionBatch());
  }

  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
