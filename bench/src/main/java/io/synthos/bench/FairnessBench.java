package io.synthos.bench;

import static io.synthos.bench.BenchSupport.doubleProperty;
import static io.synthos.bench.BenchSupport.intProperty;

import io.synthos.orchestrator.execution.SchedulerSettings;
import io.synthos.orchestrator.jobs.JobSpec;
import io.synthos.orchestrator.jobs.JobStore;
import io.synthos.orchestrator.jobs.JobType;
import io.synthos.orchestrator.jobs.MlPool;
import io.synthos.orchestrator.jobs.Priority;
import io.synthos.orchestrator.jobs.Resources;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * A 9:1 express:batch mix submitted at a steady rate above what the node can run (jobs that take 2
 * ms, few at once), then drained. Reports how long each class waited from enqueue to start, and
 * when batch jobs ran: claims go by {@code run_after + agingOffset}, so a batch job yields to
 * express work for at most its 120 s offset.
 */
public final class FairnessBench {

  private static final int SECONDS = intProperty("bench.seconds", 60);
  private static final double OVERLOAD = doubleProperty("bench.overload", 1.25);
  private static final int JOB_MILLIS = intProperty("bench.jobMillis", 2);
  private static final int CONCURRENCY = intProperty("bench.concurrency", 4);
  private static final int CAPACITY_JOBS = intProperty("bench.capacityJobs", 5_000);
  private static final int BUCKET_SECONDS = 10;

  private FairnessBench() {}

  /** When one job was submitted and started, in nanoTime. */
  private static final class Timing {
    final Priority priority;
    final long submitted;
    volatile long started;

    Timing(Priority priority, long submitted) {
      this.priority = priority;
      this.submitted = submitted;
    }
  }

  public static void main(String[] args) throws Exception {
    BenchSupport.quietLogs();
    System.out.printf("CPU busy %.0f%% before%n", BenchSupport.waitForQuietMachine() * 100);
    long[] ticks = BenchSupport.cpuTicks();
    String database = BenchSupport.migratedDatabase("bench_fairness");
    Vertx vertx = Vertx.vertx();
    try {
      Map<UUID, Timing> timings = new ConcurrentHashMap<>();
      AtomicInteger succeeded = new AtomicInteger();
      BenchSupport.onJobSucceeded(vertx, succeeded::incrementAndGet);
      // Few slots, so the node saturates at a rate the machine can also submit at.
      SchedulerSettings settings =
          new SchedulerSettings(
              "bench",
              CONCURRENCY,
              CONCURRENCY,
              Duration.ofSeconds(30),
              Duration.ofSeconds(10),
              Duration.ofSeconds(1),
              Duration.ofSeconds(5),
              256);
      BenchSupport.Node node =
          BenchSupport.node(
              vertx,
              database,
              settings,
              executors ->
                  executors.with(
                      JobType.NOOP,
                      (job, control) -> {
                        Timing timing = timings.get(job.id());
                        if (timing != null) {
                          timing.started = System.nanoTime();
                        }
                        Promise<JsonObject> done = Promise.promise();
                        vertx.setTimer(JOB_MILLIS, id -> done.complete(new JsonObject()));
                        return done.future();
                      }));

      // 1. Capacity: burn down a backlog of express jobs, nothing else running.
      BenchSupport.insertReadyJobs(database, CAPACITY_JOBS);
      node.start();
      // Timed over the second half only: the first half warms the JIT up.
      while (succeeded.get() < CAPACITY_JOBS / 2) {
        Thread.sleep(5);
      }
      long half = System.nanoTime();
      while (succeeded.get() < CAPACITY_JOBS) {
        Thread.sleep(5);
      }
      double capacity = (CAPACITY_JOBS - CAPACITY_JOBS / 2) / ((System.nanoTime() - half) / 1e9);
      double rate = capacity * OVERLOAD;
      System.out.printf(
          "capacity %,.0f jobs/s (%d slots, %d ms jobs); submitting %,.0f jobs/s (%.2fx) for %d s,"
              + " 9 express : 1 batch%n",
          capacity, CONCURRENCY, JOB_MILLIS, rate, OVERLOAD, SECONDS);

      // 2. The mix, submitted by a client of its own (as the API would), at a steady rate.
      JobStore store = new JobStore(BenchSupport.pg(database).pool(vertx, 4));
      int total = (int) (rate * SECONDS);
      AtomicInteger submitted = new AtomicInteger();
      long begin = System.nanoTime();
      vertx
          .getOrCreateContext()
          .runOnContext(
              v ->
                  vertx.setPeriodic(
                      10,
                      timer -> {
                        double elapsed = (System.nanoTime() - begin) / 1e9;
                        int due = Math.min(total, (int) (rate * elapsed));
                        while (submitted.get() < due) {
                          int n = submitted.getAndIncrement();
                          Priority priority = n % 10 == 9 ? Priority.BATCH : Priority.EXPRESS;
                          JobSpec spec =
                              JobSpec.of(
                                  "noop",
                                  MlPool.NONE,
                                  UUID.randomUUID(),
                                  priority,
                                  Resources.NONE,
                                  new JsonObject(),
                                  3,
                                  Instant.now());
                          timings.put(spec.id(), new Timing(priority, System.nanoTime()));
                          store.enqueue(spec, Instant.now());
                        }
                        if (due == total) {
                          vertx.cancelTimer(timer);
                        }
                      }));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS * 4L + 60);
      while (System.nanoTime() < deadline) {
        long started = timings.values().stream().filter(t -> t.started != 0).count();
        if (submitted.get() == total && started == total) {
          break;
        }
        Thread.sleep(200);
      }
      long end = System.nanoTime();
      node.stop();
      report(timings, begin, end);
      System.out.printf("CPU busy %.0f%% during%n", BenchSupport.busySince(ticks) * 100);
    } finally {
      BenchSupport.await(vertx.close());
      BenchSupport.dropDatabase(database);
    }
  }

  private static void report(Map<UUID, Timing> timings, long begin, long end) {
    long submitEnd = begin + TimeUnit.SECONDS.toNanos(SECONDS);
    Histogram express = BenchSupport.micros();
    Histogram batch = BenchSupport.micros();
    Histogram batchDuring = BenchSupport.micros();
    long notStarted = 0;
    // Per 10 s of start time and per class (0 express, 1 batch): jobs started, longest wait.
    int buckets = (int) ((end - begin) / TimeUnit.SECONDS.toNanos(BUCKET_SECONDS)) + 1;
    long[][] started = new long[buckets][2];
    long[][] longest = new long[buckets][2];
    for (Timing t : timings.values()) {
      if (t.started == 0) {
        notStarted++;
        continue;
      }
      long wait = TimeUnit.NANOSECONDS.toMicros(t.started - t.submitted);
      int bucket =
          (int)
              Math.min(buckets - 1, (t.started - begin) / TimeUnit.SECONDS.toNanos(BUCKET_SECONDS));
      int kind = t.priority == Priority.BATCH ? 1 : 0;
      started[bucket][kind]++;
      longest[bucket][kind] = Math.max(longest[bucket][kind], wait);
      (kind == 1 ? batch : express).recordValue(wait);
      if (kind == 1 && t.started < submitEnd) {
        batchDuring.recordValue(wait);
      }
    }
    long offset = Priority.BATCH.agingOffset().toSeconds();
    System.out.printf("express wait                   %s%n", BenchSupport.summary(express));
    System.out.printf("batch wait                     %s%n", BenchSupport.summary(batch));
    System.out.printf(
        "batch started while submitting %s%n",
        batchDuring.getTotalCount() == 0 ? "none" : BenchSupport.summary(batchDuring));
    System.out.printf(
        "not started %d; longest batch wait %s the %d s aging offset%n",
        notStarted, batch.getMaxValue() <= offset * 1_000_000 ? "within" : "BEYOND", offset);
    System.out.println("started in s   express   longest wait   batch   longest wait");
    for (int i = 0; i < buckets; i++) {
      System.out.printf(
          "%4d-%-4d     %7d   %12s   %5d   %12s%n",
          i * BUCKET_SECONDS,
          (i + 1) * BUCKET_SECONDS,
          started[i][0],
          started[i][0] == 0 ? "-" : BenchSupport.ms(longest[i][0]),
          started[i][1],
          started[i][1] == 0 ? "-" : BenchSupport.ms(longest[i][1]));
    }
  }
}
