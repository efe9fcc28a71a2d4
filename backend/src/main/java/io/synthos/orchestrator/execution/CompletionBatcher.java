package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.JobStore;
import io.synthos.orchestrator.jobs.Outcome;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the successes of this node's jobs in batches, apart from the claim loop that starts them.
 * A success waits for the next turn of the event loop, so the jobs of one claim that finish
 * together share a batch. Each batch (at most {@code batchSize}) is one transaction that locks the
 * pipelines it touches, completes its jobs (fenced by their lease versions) and enqueues the stages
 * they unblock. One batch is in flight at a time; the next gathers meanwhile. A batch whose
 * transaction fails is kept, first in line, and written again: the leases are still ours, so
 * writing it later is still valid and nothing acknowledged is lost. Used on the scheduler's event
 * loop only.
 */
final class CompletionBatcher {

  /** How long a failed batch waits before it is written again. */
  static final Duration RETRY_DELAY = Duration.ofMillis(500);

  private static final Logger log = LoggerFactory.getLogger(CompletionBatcher.class);

  /** Told of each batch once its transaction has committed. */
  @FunctionalInterface
  interface Recorded {
    void batch(List<UUID> jobIds, Committed committed);
  }

  /** A success waiting to be written, with the pipeline to lock for it (null for a lone job). */
  private record Pending(Outcome.Success success, UUID pipelineId) {}

  private final Vertx vertx;
  private final JobStore store;
  private final PipelineStore pipelines;
  private final Clock clock;
  private final int batchSize;
  private final Recorded recorded;
  private final List<Pending> pending = new ArrayList<>();
  private boolean flushing;

  CompletionBatcher(
      Vertx vertx,
      JobStore store,
      PipelineStore pipelines,
      Clock clock,
      int batchSize,
      Recorded recorded) {
    this.vertx = vertx;
    this.store = store;
    this.pipelines = pipelines;
    this.clock = clock;
    this.batchSize = batchSize;
    this.recorded = recorded;
  }

  /** Accepts the result of a job's attempt (null for none) and writes it soon. */
  void add(ClaimedJob job, JsonObject result) {
    pending.add(
        new Pending(
            new Outcome.Success(
                job.id(), job.leaseVersion(), result == null ? new JsonObject() : result),
            job.pipelineId()));
    // On the next turn, so the jobs of one claim that finish together share a batch.
    vertx.runOnContext(v -> flush());
  }

  private void flush() {
    if (flushing || pending.isEmpty()) {
      return;
    }
    flushing = true;
    List<Pending> batch = new ArrayList<>(pending.subList(0, Math.min(pending.size(), batchSize)));
    pending.subList(0, batch.size()).clear();
    write(batch)
        .onComplete(
            done -> {
              flushing = false;
              if (done.failed()) {
                log.warn(
                    "recording {} completions failed, retrying: {}",
                    batch.size(),
                    done.cause().getMessage());
                pending.addAll(0, batch);
                vertx.setTimer(RETRY_DELAY.toMillis(), id -> flush());
                return;
              }
              recorded.batch(batch.stream().map(p -> p.success().jobId()).toList(), done.result());
              flush();
            });
  }

  /**
   * Writes everything waiting in one transaction, as the node stops, without telling {@link
   * Recorded}: the jobs are about to be forgotten. A batch already in flight is not waited for.
   */
  Future<Void> drain() {
    if (pending.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Pending> batch = new ArrayList<>(pending);
    pending.clear();
    return write(batch).mapEmpty();
  }

  private Future<Committed> write(List<Pending> batch) {
    Instant now = clock.instant();
    List<UUID> touched = batch.stream().map(Pending::pipelineId).filter(Objects::nonNull).toList();
    List<Outcome.Success> successes = batch.stream().map(Pending::success).toList();
    return store
        .pool()
        .withTransaction(
            connection ->
                pipelines
                    .lock(connection, touched)
                    .compose(locked -> store.succeed(connection, successes, now))
                    .compose(
                        changes ->
                            pipelines
                                .advance(connection, changes, now)
                                .map(progress -> new Committed(changes, progress))));
  }
}
