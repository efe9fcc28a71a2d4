package io.synthos.orchestrator;

import static io.synthos.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.orchestrator.execution.JobExecutors;
import io.synthos.orchestrator.execution.JobFailure;
import io.synthos.orchestrator.jobs.JobType;
import io.synthos.orchestrator.jobs.Priority;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
@DisplayName("The scheduler")
class SchedulerTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private final Harness harness = new Harness();

  @AfterEach
  void close() {
    harness.close();
  }

  private String state(String id) {
    return harness.job(id).getString("state");
  }

  private long count(String state) {
    Row row =
        await(
                harness
                    .pool
                    .preparedQuery("SELECT count(*) FROM jobs WHERE state = $1")
                    .execute(io.vertx.sqlclient.Tuple.of(state)))
            .iterator()
            .next();
    return row.getLong(0);
  }

  @Test
  @DisplayName("runs each job exactly once when two schedulers race for the same queue")
  void racingSchedulers() {
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    UnaryOperator<JobExecutors> counting =
        executors ->
            executors.with(
                JobType.NOOP,
                (job, control) -> {
                  runs.computeIfAbsent(job.id().toString(), id -> new AtomicInteger())
                      .incrementAndGet();
                  return Future.succeededFuture(new JsonObject());
                });
    Harness.Node a = harness.node("node-a", counting, settings -> settings);
    Harness.Node b = harness.node("node-b", counting, settings -> settings);
    List<String> ids =
        IntStream.range(0, 300)
            .mapToObj(i -> harness.enqueueNoop(Priority.STANDARD).getString("id"))
            .toList();

    a.start();
    b.start();

    await().atMost(WAIT).until(() -> count("succeeded") == ids.size());
    assertThat(runs).hasSize(ids.size());
    assertThat(runs.values()).allSatisfy(times -> assertThat(times.get()).isEqualTo(1));
  }

  @Test
  @DisplayName(
      "re-runs the job of a worker whose lease expired, once, and refuses the worker's late result")
  void leaseExpiry() {
    Promise<JsonObject> hung = Promise.promise();
    Harness.Node stuck =
        harness.node(
            "stuck",
            executors -> executors.with(JobType.NOOP, (job, control) -> hung.future()),
            s -> s);
    AtomicInteger rescuerRuns = new AtomicInteger();
    Harness.Node rescuer =
        harness.node(
            "rescuer",
            executors ->
                executors.with(
                    JobType.NOOP,
                    (job, control) -> {
                      rescuerRuns.incrementAndGet();
                      return Future.succeededFuture(new JsonObject().put("by", "rescuer"));
                    }),
            s -> s);
    String id = harness.enqueueNoop(Priority.EXPRESS).getString("id");
    stuck.wake();
    await().atMost(WAIT).until(() -> "running".equals(state(id)));

    harness.clock.advance(Duration.ofSeconds(31));
    rescuer.reap();
    await().atMost(WAIT).until(() -> "queued".equals(state(id)) || "succeeded".equals(state(id)));
    rescuer.wake();
    await().atMost(WAIT).until(() -> "succeeded".equals(state(id)));
    hung.complete(new JsonObject().put("by", "stuck"));

    await()
        .atMost(WAIT)
        .until(
            () ->
                harness.events.stream()
                    .anyMatch(
                        e ->
                            id.equals(e.getString("job_id"))
                                && "succeeded".equals(e.getString("state"))));
    JsonObject job = harness.job(id);
    assertThat(job.getJsonObject("result")).isEqualTo(new JsonObject().put("by", "rescuer"));
    assertThat(job.getInteger("attempts")).isEqualTo(2);
    assertThat(rescuerRuns.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("retries a failing job with backoff, then sends it to the dead letters")
  void retryThenDead() {
    AtomicInteger attempts = new AtomicInteger();
    Harness.Node node =
        harness.node(
            "node",
            executors ->
                executors.with(
                    JobType.NOOP,
                    (job, control) -> {
                      attempts.incrementAndGet();
                      return Future.failedFuture(
                          new IllegalStateException("boom " + job.attempt()));
                    }),
            s -> s);
    String id =
        harness
            .enqueue(
                "noop",
                io.synthos.orchestrator.jobs.MlPool.NONE,
                Priority.STANDARD,
                io.synthos.orchestrator.jobs.Resources.NONE,
                3)
            .getString("id");

    node.wake();
    await().atMost(WAIT).until(() -> attempts.get() == 1 && "queued".equals(state(id)));
    JsonObject afterFirst = harness.job(id);
    assertThat(afterFirst.getString("waiting_reason")).isEqualTo("retry-backoff");
    assertThat(afterFirst.getString("error")).isEqualTo("boom 1");
    node.wake();
    assertThat(attempts.get()).as("not before its backoff").isEqualTo(1);

    harness.clock.advance(Duration.ofSeconds(11));
    node.wake();
    await().atMost(WAIT).until(() -> attempts.get() == 2 && "queued".equals(state(id)));
    harness.clock.advance(Duration.ofSeconds(21));
    node.wake();

    await().atMost(WAIT).until(() -> "dead".equals(state(id)));
    assertThat(attempts.get()).isEqualTo(3);
    assertThat(harness.job(id).getString("error")).isEqualTo("boom 3");
  }

  @Test
  @DisplayName("fails a job at once on a permanent failure, without retrying")
  void permanentFailure() {
    AtomicInteger attempts = new AtomicInteger();
    Harness.Node node =
        harness.node(
            "node",
            executors ->
                executors.with(
                    JobType.NOOP,
                    (job, control) -> {
                      attempts.incrementAndGet();
                      return Future.failedFuture(JobFailure.permanent("the dataset is not there"));
                    }),
            s -> s);
    String id = harness.enqueueNoop(Priority.STANDARD).getString("id");

    node.wake();

    await().atMost(WAIT).until(() -> "failed".equals(state(id)));
    assertThat(harness.job(id).getString("error")).isEqualTo("the dataset is not there");
    assertThat(attempts.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("cancels queued work at once and stops running work when asked")
  void cancellation() {
    Harness.Node node =
        harness.node(
            "node",
            executors ->
                executors.with(
                    JobType.NOOP,
                    (job, control) ->
                        control
                            .stopRequested()
                            .compose(
                                reason ->
                                    Future.failedFuture(
                                        new JobFailure(JobFailure.Kind.CANCELLED, reason)))),
            s -> s);
    String running = harness.enqueueNoop(Priority.EXPRESS).getString("id");
    node.wake();
    await().atMost(WAIT).until(() -> "running".equals(state(running)));
    String queued = harness.enqueueNoop(Priority.BATCH).getString("id");
    node.wake();
    await().atMost(WAIT).until(() -> "running".equals(state(queued)));
    String later =
        harness
            .enqueue(
                "validation.validate",
                io.synthos.orchestrator.jobs.MlPool.VALIDATION,
                Priority.BATCH,
                new io.synthos.orchestrator.jobs.Resources(1, 1, 0),
                3)
            .getString("id");

    JsonObject cancelledQueued =
        await(
            harness.queries.cancel(
                java.util.UUID.fromString(later), Harness.OWNER, harness.clock.instant()));
    JsonObject askedRunning =
        await(
            harness.queries.cancel(
                java.util.UUID.fromString(running), Harness.OWNER, harness.clock.instant()));
    node.context()
        .runOnContext(
            v ->
                node.scheduler()
                    .requestStop(java.util.UUID.fromString(running), "cancel requested"));

    assertThat(cancelledQueued.getString("state")).isEqualTo("cancelled");
    assertThat(askedRunning.getBoolean("cancel_requested")).isTrue();
    await().atMost(WAIT).until(() -> "cancelled".equals(state(running)));
    assertThat(state(queued)).isEqualTo("running");
  }

  @Test
  @DisplayName("hands its running jobs back to the queue when it stops, leaving none running")
  void stopLeavesNothingRunning() {
    Harness.Node node =
        harness.node(
            "node",
            executors ->
                executors.with(
                    JobType.NOOP, (job, control) -> Promise.<JsonObject>promise().future()),
            s -> s);
    IntStream.range(0, 5).forEach(i -> harness.enqueueNoop(Priority.STANDARD));
    node.wake();
    await().atMost(WAIT).until(() -> count("running") == 5);

    node.stop();

    assertThat(count("running")).isZero();
    assertThat(count("queued")).isEqualTo(5);
    Row row =
        await(
                harness
                    .pool
                    .query("SELECT min(attempts), max(attempts), min(waiting_reason) FROM jobs")
                    .execute())
            .iterator()
            .next();
    assertThat(row.getInteger(0)).as("the interrupted attempt is not counted").isZero();
    assertThat(row.getString(2)).isEqualTo("node-stopped");
  }

  @Test
  @DisplayName("hands back, not cancels, a job that ends at once when the stopping node asks it to")
  void stopHandsBackJobsThatEndWhenAsked() {
    Harness.Node node =
        harness.node(
            "node",
            executors ->
                executors.with(
                    JobType.NOOP,
                    (job, control) -> {
                      Promise<JsonObject> ended = Promise.promise();
                      control
                          .stopRequested()
                          .onSuccess(
                              reason ->
                                  ended.tryFail(
                                      new JobFailure(JobFailure.Kind.CANCELLED, "stopped")));
                      return ended.future();
                    }),
            s -> s);
    IntStream.range(0, 3).forEach(i -> harness.enqueueNoop(Priority.STANDARD));
    node.wake();
    await().atMost(WAIT).until(() -> count("running") == 3);

    node.stop();

    assertThat(count("cancelled")).isZero();
    assertThat(count("queued")).isEqualTo(3);
  }
}
