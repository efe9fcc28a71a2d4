package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.jobs.JobChange;
import io.synthos.orchestrator.jobs.JobState;
import io.synthos.orchestrator.jobs.JobStore;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;

/**
 * Re-queues jobs whose lease expired — their worker died or lost touch — or every job a node held
 * when the cluster reports it gone. A job out of attempts goes dead and halts its pipeline. Any
 * node may run it at any time: the update only takes rows that are still expired.
 */
final class LeaseReaper {

  private final JobStore store;
  private final PipelineStore pipelines;
  private final Clock clock;

  LeaseReaper(JobStore store, PipelineStore pipelines, Clock clock) {
    this.store = store;
    this.pipelines = pipelines;
    this.clock = clock;
  }

  /**
   * @param goneNode a node whose jobs are all released, or null for expired leases only
   */
  Future<Committed> reap(String goneNode) {
    Instant now = clock.instant();
    return store
        .pool()
        .withTransaction(
            connection ->
                store
                    .expiredPipelines(connection, now, goneNode)
                    .compose(touched -> pipelines.lock(connection, touched))
                    .compose(locked -> store.requeueExpired(connection, now, goneNode))
                    .compose(
                        changes -> {
                          Future<PipelineStore.Progress> halted =
                              Future.succeededFuture(new PipelineStore.Progress());
                          for (JobChange change : changes) {
                            if (change.pipelineId() != null && change.state().finished()) {
                              String state =
                                  change.state() == JobState.CANCELLED ? "cancelled" : "failed";
                              String reason =
                                  "stage "
                                      + change.stage()
                                      + " "
                                      + change.state().id()
                                      + ": "
                                      + change.reason();
                              halted =
                                  halted.compose(
                                      progress ->
                                          pipelines.stop(
                                              connection, change.pipelineId(), state, reason, now));
                            }
                          }
                          return halted.map(progress -> new Committed(changes, progress));
                        }));
  }
}
