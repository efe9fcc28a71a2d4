package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.JobChange;
import io.synthos.orchestrator.jobs.JobState;
import io.synthos.platform.tracing.Spans;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each job the claim loop picked: registers it as running here, announces it, runs its type's
 * executor inside the trace of the request that enqueued it (whenever and wherever it runs), and
 * hands the outcome on — a success to the {@link CompletionBatcher}, a failure to the {@link
 * FailureRecorder} — unless the job was settled meanwhile (lease lost, node stopping).
 */
final class JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  private final Vertx vertx;
  private final JobExecutors executors;
  private final JobEvents events;
  private final RunningJobs running;
  private final CompletionBatcher completions;
  private final FailureRecorder failures;
  private final Runnable slotFreed;

  /** {@code slotFreed} is told when a failed job's slot is free again. */
  JobRunner(
      Vertx vertx,
      JobExecutors executors,
      JobEvents events,
      RunningJobs running,
      CompletionBatcher completions,
      FailureRecorder failures,
      Runnable slotFreed) {
    this.vertx = vertx;
    this.executors = executors;
    this.events = events;
    this.running = running;
    this.completions = completions;
    this.failures = failures;
    this.slotFreed = slotFreed;
  }

  void run(ClaimedJob job) {
    RunningJobs.Entry entry =
        running.add(job, new JobControl((step, fraction) -> events.progress(job, step, fraction)));
    events.jobs(
        List.of(
            new JobChange(
                job.id(),
                job.pipelineId(),
                job.stage(),
                job.type(),
                job.ownerId(),
                JobState.RUNNING,
                null,
                null,
                JobChange.Standing.of(job))));
    Spans.consume(
            vertx,
            "job.run",
            job.traceContext(),
            Spans.Tags.of(
                "job.id", job.id().toString(),
                "job.kind", job.type(),
                "job.attempt", String.valueOf(job.attempt()),
                "job.pool", job.pool().id()),
            () -> executors.execute(job, entry.control))
        .onComplete(
            done -> {
              if (entry.settled) {
                return;
              }
              if (done.succeeded()) {
                completions.add(job, done.result());
              } else {
                fail(entry, JobFailure.of(done.cause()));
              }
            });
  }

  private void fail(RunningJobs.Entry entry, JobFailure failure) {
    entry.settled = true;
    UUID jobId = entry.job.id();
    failures
        .record(entry.job, failure)
        .onComplete(
            done -> {
              running.release(jobId);
              if (done.succeeded()) {
                done.result().publishTo(events);
              } else {
                // The lease will expire and the reaper re-queues the job: nothing is lost.
                log.warn(
                    "recording the failure of job {} failed: {}", jobId, done.cause().getMessage());
              }
              slotFreed.run();
            });
  }
}
