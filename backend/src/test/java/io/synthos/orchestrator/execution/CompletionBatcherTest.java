package io.synthos.orchestrator.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.JobSpec;
import io.synthos.orchestrator.jobs.JobStore;
import io.synthos.orchestrator.jobs.MlPool;
import io.synthos.orchestrator.jobs.Priority;
import io.synthos.orchestrator.jobs.ResourceEstimator;
import io.synthos.orchestrator.jobs.Resources;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.synthos.platform.db.PgSettings;
import io.synthos.testing.MutableClock;
import io.synthos.testing.Schema;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The completion batcher on its own, against a real database: how it groups successes, and that a
 * batch whose write fails is neither lost nor overtaken.
 */
@Tag("integration")
@DisplayName("The completion batcher")
class CompletionBatcherTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Vertx vertx = Vertx.vertx();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final Pool pool = PgSettings.fromUrl(Schema.migratedDatabase()).pool(vertx, 4);
  private final JobStore store = new JobStore(pool);
  private final PipelineStore pipelines = new PipelineStore(pool, store, new ResourceEstimator());
  private final Context context = vertx.getOrCreateContext();
  private final List<List<UUID>> batches = new CopyOnWriteArrayList<>();
  private final List<Integer> committedChanges = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private CompletionBatcher batcher(int batchSize) {
    return new CompletionBatcher(
        vertx,
        store,
        pipelines,
        clock,
        batchSize,
        (jobIds, committed) -> {
          batches.add(jobIds);
          committedChanges.add(committed.changes().size());
        });
  }

  /** Enqueues {@code count} lone jobs and claims them, as a node about to run them would. */
  private List<ClaimedJob> claimed(int count) {
    for (int i = 0; i < count; i++) {
      JobSpec spec =
          JobSpec.of(
              "noop",
              MlPool.NONE,
              UUID.randomUUID(),
              Priority.STANDARD,
              Resources.NONE,
              new JsonObject(),
              3,
              clock.instant());
      store.enqueue(spec, clock.instant()).await();
    }
    List<ClaimedJob> jobs =
        store.claim("node", count, clock.instant(), Duration.ofMinutes(5)).await();
    assertThat(jobs).hasSize(count);
    return jobs;
  }

  /** Adds the successes on the batcher's event loop, in one turn, each with its index as result. */
  private void succeed(CompletionBatcher batcher, List<ClaimedJob> jobs) {
    context.runOnContext(
        v -> IntStream.range(0, jobs.size()).forEach(i -> batcher.add(jobs.get(i), result(i))));
  }

  private static JsonObject result(int index) {
    return new JsonObject().put("index", index);
  }

  private Row row(ClaimedJob job) {
    return pool.preparedQuery("SELECT state, result FROM jobs WHERE id = $1")
        .execute(Tuple.of(job.id()))
        .await()
        .iterator()
        .next();
  }

  private void assertSucceededWith(ClaimedJob job, JsonObject result) {
    Row row = row(job);
    assertThat(row.getString("state")).isEqualTo("succeeded");
    assertThat(row.getJsonObject("result")).isEqualTo(result);
  }

  /** How many job updates the database refused so far. */
  private long refusals() {
    return pool.query("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM refused_writes")
        .execute()
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  @Test
  @DisplayName("writes successes that arrive together in batches of at most its size, in order")
  void batches() {
    List<ClaimedJob> jobs = claimed(5);
    CompletionBatcher batcher = batcher(2);

    succeed(batcher, jobs);

    await().atMost(WAIT).until(() -> batches.size() == 3);
    List<UUID> ids = jobs.stream().map(ClaimedJob::id).toList();
    assertThat(batches).containsExactly(ids.subList(0, 2), ids.subList(2, 4), ids.subList(4, 5));
    assertThat(committedChanges).containsExactly(2, 2, 1);
    IntStream.range(0, jobs.size()).forEach(i -> assertSucceededWith(jobs.get(i), result(i)));
  }

  @Test
  @DisplayName(
      "keeps a batch whose write failed, first in line, and writes it once the database accepts it")
  void failedWriteIsRetried() {
    List<ClaimedJob> first = claimed(3);
    List<ClaimedJob> later = claimed(2);
    refuseJobUpdates();
    CompletionBatcher batcher = batcher(3);

    succeed(batcher, first);
    await().atMost(WAIT).until(() -> refusals() >= 1);
    succeed(batcher, later);
    // Refused again after the retry delay: the batch was kept and tried once more.
    await().atMost(WAIT).until(() -> refusals() >= 2);
    assertThat(batches).isEmpty();
    assertThat(row(first.get(0)).getString("state")).isEqualTo("running");

    pool.query("UPDATE refusal SET refuse = false").execute().await();

    await().atMost(WAIT).until(() -> batches.size() == 2);
    assertThat(batches.get(0))
        .containsExactlyElementsOf(first.stream().map(ClaimedJob::id).toList());
    assertThat(batches.get(1))
        .containsExactlyElementsOf(later.stream().map(ClaimedJob::id).toList());
    IntStream.range(0, 3).forEach(i -> assertSucceededWith(first.get(i), result(i)));
    IntStream.range(0, 2).forEach(i -> assertSucceededWith(later.get(i), result(i)));
  }

  @Test
  @DisplayName("writes what waits at once when the node stops")
  void drain() {
    List<ClaimedJob> jobs = claimed(2);
    CompletionBatcher batcher = batcher(64);

    Future.<Void>future(
            promise ->
                context.runOnContext(
                    v -> {
                      IntStream.range(0, jobs.size())
                          .forEach(i -> batcher.add(jobs.get(i), result(i)));
                      batcher.drain().onComplete(promise);
                    }))
        .await();

    IntStream.range(0, jobs.size()).forEach(i -> assertSucceededWith(jobs.get(i), result(i)));
  }

  /**
   * Makes every update of {@code jobs} fail while {@code refusal.refuse} is true, counting the
   * refusals in a sequence (which a rollback does not undo).
   */
  private void refuseJobUpdates() {
    pool.query(
            """
            CREATE SEQUENCE refused_writes;
            CREATE TABLE refusal (refuse boolean NOT NULL);
            INSERT INTO refusal VALUES (true);
            CREATE FUNCTION refuse_job_updates() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF (SELECT refuse FROM refusal) THEN
                PERFORM nextval('refused_writes');
                RAISE EXCEPTION 'job updates refused by the test';
              END IF;
              RETURN NULL;
            END $$;
            CREATE TRIGGER refuse_job_updates BEFORE UPDATE ON jobs
              FOR EACH STATEMENT EXECUTE FUNCTION refuse_job_updates();
            """)
        .execute()
        .await();
  }
}
