package io.synthos.orchestrator;

import static io.synthos.testing.Futures.await;

import io.synthos.orchestrator.execution.JobEvents;
import io.synthos.orchestrator.execution.JobExecutors;
import io.synthos.orchestrator.execution.Scheduler;
import io.synthos.orchestrator.execution.SchedulerSettings;
import io.synthos.orchestrator.jobs.ExponentialBackoff;
import io.synthos.orchestrator.jobs.JobQueries;
import io.synthos.orchestrator.jobs.JobSpec;
import io.synthos.orchestrator.jobs.JobStore;
import io.synthos.orchestrator.jobs.MlPool;
import io.synthos.orchestrator.jobs.Priority;
import io.synthos.orchestrator.jobs.ResourceEstimator;
import io.synthos.orchestrator.jobs.Resources;
import io.synthos.orchestrator.jobs.RetryPolicy;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.synthos.platform.config.Secret;
import io.synthos.platform.db.PgSettings;
import io.synthos.testing.MutableClock;
import io.synthos.testing.Schema;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The orchestrator's core on a fresh, migrated database, without the verticles around it: stores,
 * schedulers on their own contexts, a clock the test moves, and every published event recorded.
 */
final class Harness implements AutoCloseable {

  static final UUID OWNER = UUID.randomUUID();

  final Vertx vertx = Vertx.vertx();
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final Secret databaseUrl = Schema.migratedDatabase();
  final Pool pool = PgSettings.fromUrl(databaseUrl).pool(vertx, 8);
  final JobStore store = new JobStore(pool);
  final JobQueries queries = new JobQueries(pool);
  final PipelineStore pipelines = new PipelineStore(pool, store, new ResourceEstimator());
  final List<JsonObject> events = new CopyOnWriteArrayList<>();
  private final List<Scheduler> schedulers = new ArrayList<>();

  Harness() {
    vertx
        .eventBus()
        .<JsonObject>consumer(
            OrchestratorAddresses.JOB_EVENTS, message -> events.add(message.body()));
  }

  /** A fixed retry policy: 10 s, 20 s, 40 s …, no jitter, so tests know when to move the clock. */
  static RetryPolicy fixedBackoff() {
    return new ExponentialBackoff(Duration.ofSeconds(20), Duration.ofMinutes(10), () -> 0.0);
  }

  /** A scheduler on its own context; not started: tests call {@link #start} or drive it. */
  Node node(
      String name,
      UnaryOperator<JobExecutors> executors,
      UnaryOperator<SchedulerSettings> settings) {
    JobExecutors all =
        executors.apply(
            new JobExecutors(vertx, null, null, null, pipelines, Duration.ofMinutes(30)));
    SchedulerSettings tuned =
        settings.apply(
            new SchedulerSettings(
                name,
                16,
                16,
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                Duration.ofHours(1),
                Duration.ofHours(1),
                64));
    Scheduler scheduler =
        new Scheduler(
            vertx,
            store,
            pipelines,
            all,
            fixedBackoff(),
            clock,
            tuned,
            new JobEvents(vertx.eventBus(), clock));
    schedulers.add(scheduler);
    return new Node(scheduler, vertx.getOrCreateContext());
  }

  /** A scheduler and the context it runs on. */
  record Node(Scheduler scheduler, Context context) {
    void start() {
      context.runOnContext(v -> scheduler.start());
    }

    void wake() {
      context.runOnContext(v -> scheduler.wake());
    }

    void reap() {
      context.runOnContext(v -> scheduler.reap(null));
    }

    void stop() {
      await(
          Future.<Void>future(
              promise -> context.runOnContext(v -> scheduler.stop().onComplete(promise))));
    }
  }

  JsonObject enqueue(
      String type, MlPool mlPool, Priority priority, Resources request, int attempts) {
    return await(
        store.enqueue(
            JobSpec.of(
                type,
                mlPool,
                OWNER,
                priority,
                request,
                new JsonObject(),
                attempts,
                clock.instant()),
            clock.instant()));
  }

  JsonObject enqueueNoop(Priority priority) {
    return enqueue("noop", MlPool.NONE, priority, Resources.NONE, 3);
  }

  JsonObject job(String id) {
    return await(queries.find(UUID.fromString(id), null));
  }

  void setCapacity(MlPool mlPool, Resources capacity) {
    await(
        pool.preparedQuery(
                "INSERT INTO ml_pools (name, cpu_millis, memory_mib, gpus, source, updated_at) VALUES ($1, $2, $3, $4, 'test', now())"
                    + " ON CONFLICT (name) DO UPDATE SET cpu_millis = $2, memory_mib = $3, gpus = $4")
            .execute(
                Tuple.of(
                    mlPool.id(), capacity.cpuMillis(), capacity.memoryMib(), capacity.gpus())));
  }

  @Override
  public void close() {
    schedulers.clear();
    await(vertx.close());
  }
}
