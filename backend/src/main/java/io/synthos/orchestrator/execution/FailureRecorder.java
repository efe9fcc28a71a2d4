package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.JobChange;
import io.synthos.orchestrator.jobs.JobState;
import io.synthos.orchestrator.jobs.JobStore;
import io.synthos.orchestrator.jobs.Outcome;
import io.synthos.orchestrator.jobs.RetryPolicy;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Records a failed attempt as the {@link FailureHandler} decides — back to the queue after a delay,
 * or finished — in one transaction that also halts the job's pipeline when the job is finished for
 * good. The update is fenced by the lease version, so a job re-leased elsewhere is left alone.
 */
final class FailureRecorder {

  private final JobStore store;
  private final PipelineStore pipelines;
  private final FailureHandler decisions;
  private final Clock clock;

  FailureRecorder(JobStore store, PipelineStore pipelines, RetryPolicy retries, Clock clock) {
    this.store = store;
    this.pipelines = pipelines;
    this.decisions = new FailureHandler(retries);
    this.clock = clock;
  }

  Future<Committed> record(ClaimedJob job, JobFailure failure) {
    Outcome.Settlement settlement = decisions.decide(job, failure);
    Instant now = clock.instant();
    List<UUID> touched = job.pipelineId() == null ? List.of() : List.of(job.pipelineId());
    return store
        .pool()
        .withTransaction(
            connection ->
                pipelines
                    .lock(connection, touched)
                    .compose(locked -> store.settle(connection, settlement, now))
                    .compose(changes -> haltIfFinal(connection, job, settlement, changes, now)));
  }

  private Future<Committed> haltIfFinal(
      SqlConnection connection,
      ClaimedJob job,
      Outcome.Settlement settlement,
      List<JobChange> changes,
      Instant now) {
    if (changes.isEmpty() || job.pipelineId() == null || !settlement.state().finished()) {
      return Future.succeededFuture(new Committed(changes, new PipelineStore.Progress()));
    }
    String state = settlement.state() == JobState.CANCELLED ? "cancelled" : "failed";
    String reason =
        "stage " + job.stage() + " " + settlement.state().id() + ": " + settlement.error();
    return pipelines
        .stop(connection, job.pipelineId(), state, reason, now)
        .map(progress -> new Committed(changes, progress));
  }
}
