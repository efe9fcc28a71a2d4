package io.synthos.orchestrator;

import static io.synthos.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.MlPool;
import io.synthos.orchestrator.jobs.Outcome;
import io.synthos.orchestrator.jobs.Priority;
import io.synthos.orchestrator.jobs.Resources;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
@DisplayName("Claiming jobs")
class ClaimTest {

  private static final Duration LEASE = Duration.ofSeconds(30);
  private final Harness harness = new Harness();

  @AfterEach
  void close() {
    harness.close();
  }

  private List<ClaimedJob> claim(int max) {
    return await(harness.store.claim("node-a", max, harness.clock.instant(), LEASE));
  }

  @Test
  @DisplayName("takes express before standard before batch")
  void priorityOrder() {
    String batch = harness.enqueueNoop(Priority.BATCH).getString("id");
    String standard = harness.enqueueNoop(Priority.STANDARD).getString("id");
    String express = harness.enqueueNoop(Priority.EXPRESS).getString("id");

    assertThat(claim(1)).extracting(job -> job.id().toString()).containsExactly(express);
    assertThat(claim(1)).extracting(job -> job.id().toString()).containsExactly(standard);
    assertThat(claim(1)).extracting(job -> job.id().toString()).containsExactly(batch);
    assertThat(claim(1)).isEmpty();
  }

  @Test
  @DisplayName("lets a batch job that waited past its aging offset overtake newer express work")
  void aging() {
    String batch = harness.enqueueNoop(Priority.BATCH).getString("id");
    harness.clock.advance(Priority.BATCH.agingOffset().plusSeconds(1));
    String express = harness.enqueueNoop(Priority.EXPRESS).getString("id");

    assertThat(claim(2)).extracting(job -> job.id().toString()).containsExactly(batch, express);
  }

  @Test
  @DisplayName("leases a claimed job to the node, counts the attempt and bumps the fencing version")
  void lease() {
    String id = harness.enqueueNoop(Priority.STANDARD).getString("id");

    ClaimedJob claimed = claim(1).get(0);

    JsonObject job = harness.job(id);
    assertThat(job.getString("state")).isEqualTo("running");
    assertThat(job.getInteger("attempts")).isEqualTo(1);
    assertThat(claimed.leaseVersion()).isEqualTo(1);
    assertThat(claimed.attempt()).isEqualTo(1);
  }

  @Test
  @DisplayName("admits jobs only within 80% of their pool, and again once capacity frees")
  void admission() {
    harness.setCapacity(MlPool.VALIDATION, new Resources(10_000, 10_000, 0));
    Resources half = new Resources(5_000, 1_000, 0);
    String first =
        harness
            .enqueue("validation.validate", MlPool.VALIDATION, Priority.STANDARD, half, 3)
            .getString("id");
    String second =
        harness
            .enqueue("validation.validate", MlPool.VALIDATION, Priority.STANDARD, half, 3)
            .getString("id");

    List<ClaimedJob> claimed = claim(10);

    assertThat(claimed).extracting(job -> job.id().toString()).containsExactly(first);
    assertThat(harness.job(second).getString("state")).isEqualTo("queued");
    assertThat(harness.job(second).getString("waiting_reason")).isEqualTo("capacity");

    ClaimedJob running = claimed.get(0);
    await(
        harness.pool.withTransaction(
            c ->
                harness.store.succeed(
                    c,
                    List.of(
                        new Outcome.Success(
                            running.id(), running.leaseVersion(), new JsonObject())),
                    harness.clock.instant())));

    assertThat(claim(10)).extracting(job -> job.id().toString()).containsExactly(second);
  }

  @Test
  @DisplayName(
      "admits nothing on a pool whose capacity is unknown, but runs jobs that need no pool")
  void unknownCapacity() {
    harness.enqueue(
        "collapse.analyse", MlPool.COLLAPSE, Priority.EXPRESS, new Resources(1, 1, 0), 3);
    String noop = harness.enqueueNoop(Priority.BATCH).getString("id");

    assertThat(claim(10)).extracting(job -> job.id().toString()).containsExactly(noop);
  }

  @Test
  @DisplayName("refuses a completion that presents a stale fencing version")
  void staleCompletion() {
    String id = harness.enqueueNoop(Priority.STANDARD).getString("id");
    ClaimedJob claimed = claim(1).get(0);

    var stale =
        await(
            harness.pool.withTransaction(
                c ->
                    harness.store.succeed(
                        c,
                        List.of(
                            new Outcome.Success(
                                claimed.id(), claimed.leaseVersion() - 1, new JsonObject())),
                        harness.clock.instant())));
    var current =
        await(
            harness.pool.withTransaction(
                c ->
                    harness.store.succeed(
                        c,
                        List.of(
                            new Outcome.Success(
                                claimed.id(),
                                claimed.leaseVersion(),
                                new JsonObject().put("ok", true))),
                        harness.clock.instant())));

    assertThat(stale).isEmpty();
    assertThat(current).hasSize(1);
    assertThat(harness.job(id).getJsonObject("result")).isEqualTo(new JsonObject().put("ok", true));
  }
}
