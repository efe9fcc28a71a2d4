package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.JobChange;
import io.synthos.orchestrator.jobs.JobStore;
import io.synthos.orchestrator.jobs.RetryPolicy;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on this node. Its claim loop takes ready jobs when woken (a notification, the poll, a
 * freed slot) as far as its free slots and the pools' admission allow, each under a lease, and
 * hands each to the {@link JobRunner}; successes are written in batches by the {@link
 * CompletionBatcher}, failures by the {@link FailureRecorder}. Heartbeats keep the leases of the
 * {@link RunningJobs}; the reaper re-queues jobs whose lease expired anywhere. All of it runs on
 * one event loop.
 */
public final class Scheduler {

  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  private final Vertx vertx;
  private final JobStore store;
  private final Clock clock;
  private final SchedulerSettings settings;
  private final JobEvents events;
  private final RunningJobs running;
  private final CompletionBatcher completions;
  private final JobRunner runner;
  private final LeaseReaper reaper;
  private final List<Long> timers = new ArrayList<>();
  private boolean claiming;
  private boolean claimedOnce;
  private Future<Void> claimInFlight = Future.succeededFuture();
  private boolean wakeAgain;
  private boolean stopped;

  public Scheduler(
      Vertx vertx,
      JobStore store,
      PipelineStore pipelines,
      JobExecutors executors,
      RetryPolicy retries,
      Clock clock,
      SchedulerSettings settings,
      JobEvents events) {
    this.vertx = vertx;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.events = events;
    this.running = new RunningJobs(store, settings, clock, events);
    this.completions =
        new CompletionBatcher(
            vertx, store, pipelines, clock, settings.completionBatch(), this::recorded);
    this.runner =
        new JobRunner(
            vertx,
            executors,
            events,
            running,
            completions,
            new FailureRecorder(store, pipelines, retries, clock),
            this::wake);
    this.reaper = new LeaseReaper(store, pipelines, clock);
  }

  /** Starts the timers; call on the verticle's context. */
  public void start() {
    timers.add(vertx.setPeriodic(settings.poll().toMillis(), id -> wake()));
    timers.add(vertx.setPeriodic(settings.heartbeat().toMillis(), id -> running.heartbeat()));
    timers.add(vertx.setPeriodic(settings.reap().toMillis(), id -> reap(null)));
    wake();
  }

  /** Claims work if this node has free slots; several wakes in a row claim once more at most. */
  public void wake() {
    if (stopped) {
      return;
    }
    if (claiming) {
      wakeAgain = true;
      return;
    }
    int free = settings.concurrency() - running.size();
    if (free <= 0) {
      return;
    }
    int wanted = Math.min(free, settings.claimBatch());
    claiming = true;
    wakeAgain = false;
    claimInFlight =
        store
            .claim(settings.nodeId(), wanted, clock.instant(), settings.lease())
            .onComplete(done -> claimed(done, wanted))
            .mapEmpty();
  }

  private void claimed(AsyncResult<List<ClaimedJob>> done, int wanted) {
    claiming = false;
    if (done.failed()) {
      if (!claimedOnce && schemaNotThereYet(done.cause())) {
        // The node's migration runs beside the scheduler at start-up; the next poll claims.
        log.debug("no jobs table yet: waiting for the schema migration");
      } else {
        log.warn("claiming jobs failed: {}", done.cause().getMessage());
      }
      return;
    }
    claimedOnce = true;
    List<ClaimedJob> claimed = done.result();
    if (stopped) {
      // Claimed as the node stopped: register them, unstarted, for stop() to hand back.
      claimed.forEach(job -> running.add(job, new JobControl()));
      return;
    }
    claimed.forEach(runner::run);
    if (claimed.size() == wanted || wakeAgain) {
      wake();
    }
  }

  /** PostgreSQL's "undefined table": the schema has not been migrated yet. */
  private static boolean schemaNotThereYet(Throwable failure) {
    return failure instanceof PgException pg && "42P01".equals(pg.getSqlState());
  }

  /** How many jobs this node runs right now. */
  public int runningCount() {
    return running.size();
  }

  /** Asks a job running here to stop, as when its cancellation was requested. */
  public void requestStop(UUID jobId, String reason) {
    RunningJobs.Entry job = running.get(jobId);
    if (job != null) {
      job.control.requestStop(reason);
    }
  }

  /** A batch of successes was written: their slots are free. */
  private void recorded(List<UUID> jobIds, Committed committed) {
    jobIds.forEach(running::release);
    committed.publishTo(events);
    wake();
  }

  /**
   * Re-queues jobs whose lease expired (or, with {@code goneNode}, every job that node held); those
   * out of attempts go dead and halt their pipeline.
   */
  public Future<List<JobChange>> reap(String goneNode) {
    return reaper
        .reap(goneNode)
        .map(
            committed -> {
              events.leasesExpired(committed.changes());
              committed.publishTo(events);
              if (!committed.changes().isEmpty()) {
                wake();
              }
              return committed.changes();
            })
        .onFailure(
            failure -> log.warn("re-queueing expired leases failed: {}", failure.getMessage()));
  }

  /**
   * Stops claiming, writes pending successes, and hands every job still running here back to the
   * queue (without using an attempt), so that no job stays {@code running} on a stopped node.
   */
  public Future<Void> stop() {
    stopped = true;
    timers.forEach(vertx::cancelTimer);
    // A claim still in flight may start jobs after this point: wait for it, then hand them back.
    return claimInFlight
        .transform(claim -> completions.drain())
        .eventually(running::handBack)
        .onComplete(done -> running.clear());
  }
}
