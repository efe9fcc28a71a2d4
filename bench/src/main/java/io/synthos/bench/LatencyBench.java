package io.synthos.bench;

import static io.synthos.bench.BenchSupport.intProperty;

import io.synthos.orchestrator.OrchestratorAddresses;
import io.synthos.orchestrator.execution.SchedulerSettings;
import io.synthos.orchestrator.jobs.JobSpec;
import io.synthos.orchestrator.jobs.JobStore;
import io.synthos.orchestrator.jobs.JobType;
import io.synthos.orchestrator.jobs.MlPool;
import io.synthos.orchestrator.jobs.Priority;
import io.synthos.orchestrator.jobs.Resources;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Enqueue → start on an idle queue, one job at a time: from just before {@code JobStore.enqueue}
 * (which NOTIFYs in its transaction) to the moment the executor starts. The scheduler is woken
 * either by LISTEN/NOTIFY through a {@code PgSubscriber} on its own context, as {@code
 * SchedulerVerticle} does, or by an event-bus publish after the enqueue commits.
 */
public final class LatencyBench {

  private static final int JOBS = intProperty("bench.jobs", 1_000);
  private static final int WARMUP = intProperty("bench.warmup", 200);
  private static final String ONLY = System.getProperty("bench.only", "");

  private LatencyBench() {}

  public static void main(String[] args) throws Exception {
    BenchSupport.quietLogs();
    System.out.printf("jobs %d after %d warm-up jobs, default scheduler settings%n", JOBS, WARMUP);
    for (String wake : new String[] {"notify", "event-bus"}) {
      if (ONLY.isEmpty() || ONLY.equals(wake)) {
        double busyBefore = BenchSupport.waitForQuietMachine();
        long[] ticks = BenchSupport.cpuTicks();
        Histogram[] result = run(wake);
        System.out.printf("%-9s enqueue → start   %s%n", wake, BenchSupport.summary(result[0]));
        System.out.printf("%-9s enqueue committed %s%n", "", BenchSupport.summary(result[1]));
        System.out.printf(
            "%-9s CPU busy %.0f%% before, %.0f%% during%n",
            "", busyBefore * 100, BenchSupport.busySince(ticks) * 100);
      }
    }
  }

  /** Enqueue → start, and (to see where the time goes) enqueue → its transaction committed. */
  private static Histogram[] run(String wake) throws Exception {
    String database = BenchSupport.migratedDatabase("bench_latency");
    Vertx vertx = Vertx.vertx();
    try {
      Map<UUID, CompletableFuture<Long>> starts = new ConcurrentHashMap<>();
      BenchSupport.Node node =
          BenchSupport.node(
              vertx,
              database,
              // The node's defaults, as SchedulerVerticle runs it: the 1 s poll is only the
              // safety net, so the wake-up path is what is measured.
              SchedulerSettings.defaults("bench"),
              executors ->
                  executors.with(
                      JobType.NOOP,
                      (job, control) -> {
                        long now = System.nanoTime();
                        starts
                            .computeIfAbsent(job.id(), id -> new CompletableFuture<>())
                            .complete(now);
                        return Future.succeededFuture(new JsonObject());
                      }));
      boolean notify = wake.equals("notify");
      PgSubscriber subscriber =
          notify
              ? PgSubscriber.subscriber(vertx, BenchSupport.pg(database).connectOptions())
              : null;
      // Everything on the scheduler's context, so the wake-ups run where the verticle's would.
      BenchSupport.await(
          Future.<Void>future(
              promise ->
                  node.context()
                      .runOnContext(
                          v -> {
                            node.scheduler().start();
                            if (notify) {
                              subscriber
                                  .channel(JobStore.CHANNEL)
                                  .handler(payload -> node.scheduler().wake());
                              subscriber.connect().onComplete(promise);
                            } else {
                              vertx
                                  .eventBus()
                                  .consumer(
                                      OrchestratorAddresses.WAKE,
                                      message -> node.scheduler().wake())
                                  .completion()
                                  .onComplete(promise);
                            }
                          })));
      Histogram micros = BenchSupport.micros();
      Histogram commits = BenchSupport.micros();
      for (int i = 0; i < WARMUP + JOBS; i++) {
        JobSpec spec =
            JobSpec.of(
                "noop",
                MlPool.NONE,
                UUID.randomUUID(),
                Priority.EXPRESS,
                Resources.NONE,
                new JsonObject(),
                3,
                Instant.now());
        CompletableFuture<Long> started =
            starts.computeIfAbsent(spec.id(), id -> new CompletableFuture<>());
        long before = System.nanoTime();
        Future<JsonObject> enqueued = node.store().enqueue(spec, Instant.now());
        Future<Long> committedAt = enqueued.map(job -> System.nanoTime());
        if (!notify) {
          enqueued.onSuccess(job -> vertx.eventBus().publish(OrchestratorAddresses.WAKE, null));
        }
        long latency = started.get(10, TimeUnit.SECONDS) - before;
        long committed = BenchSupport.await(committedAt) - before;
        if (i >= WARMUP) {
          micros.recordValue(TimeUnit.NANOSECONDS.toMicros(latency));
          commits.recordValue(TimeUnit.NANOSECONDS.toMicros(committed));
        }
        starts.remove(spec.id());
        // Idle between jobs (the completion commits meanwhile), at a varying phase to the poll.
        Thread.sleep(5 + ThreadLocalRandom.current().nextInt(10));
      }
      node.stop();
      if (subscriber != null) {
        BenchSupport.await(subscriber.close());
      }
      return new Histogram[] {micros, commits};
    } finally {
      BenchSupport.await(vertx.close());
      BenchSupport.dropDatabase(database);
    }
  }
}
