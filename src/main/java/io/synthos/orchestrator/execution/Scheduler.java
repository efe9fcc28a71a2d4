package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.JobChange;
import io.synthos.orchestrator.jobs.JobState;
import io.synthos.orchestrator.jobs.JobStore;
import io.synthos.orchestrator.jobs.Outcome;
import io.synthos.orchestrator.jobs.RetryPolicy;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.synthos.platform.tracing.Spans;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on this node. It claims ready jobs when woken (a notification, the poll, a freed slot),
 * runs each with its executor, and reports the outcome: successes in batches, one transaction per
 * batch that also advances pipelines; failures through the retry policy. Heartbeats keep its
 * leases; the reaper re-queues jobs whose lease expired anywhere. All of it runs on one event loop.
 */
public final class Scheduler {

  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  private final Vertx vertx;
  private final JobStore store;
  private final PipelineStore pipelines;
  private final JobExecutors executors;
  private final FailureHandler failures;
  private final LeaseReaper reaper;
  private final Clock clock;
  private final SchedulerSettings settings;
  private final JobEvents events;
  private final Map<UUID, Running> running = new HashMap<>();
  private final List<Outcome.Success> pendingSuccesses = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();
  private boolean claiming;
  private boolean claimedOnce;
  private Future<Void> claimInFlight = Future.succeededFuture();
  private boolean wakeAgain;
  private boolean flushing;
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
    this.pipelines = pipelines;
    this.executors = executors;
    this.failures = new FailureHandler(retries);
    this.reaper = new LeaseReaper(store, pipelines, clock);
    this.clock = clock;
    this.settings = settings;
    this.events = events;
  }

  /** Starts the timers; call on the verticle's context. */
  public void start() {
    timers.add(vertx.setPeriodic(settings.poll().toMillis(), id -> wake()));
    timers.add(vertx.setPeriodic(settings.heartbeat().toMillis(), id -> heartbeat()));
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
      claimed.forEach(job -> running.put(job.id(), new Running(job, new JobControl())));
      return;
    }
    claimed.forEach(this::run);
    if (claimed.size() == wanted || wakeAgain) {
      wake();
    }
  }

  /** How many jobs this node runs right now. */
  public int runningCount() {
    return running.size();
  }

  /** Asks a job running here to stop, as when its cancellation was requested. */
  public void requestStop(UUID jobId, String reason) {
    Running job = running.get(jobId);
    if (job != null) {
      job.control.requestStop(reason);
    }
  }

  private void run(ClaimedJob job) {
    Running entry =
        new Running(job, new JobControl((step, fraction) -> events.progress(job, step, fraction)));
    running.put(job.id(), entry);
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
    // The run joins the trace of the request that enqueued the job, whenever and wherever it runs.
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
                pendingSuccesses.add(
                    new Outcome.Success(
                        job.id(),
                        job.leaseVersion(),
                        done.result() == null ? new JsonObject() : done.result()));
                // On the next turn, so the jobs of one claim that finish together share a batch.
                vertx.runOnContext(v -> flush());
              } else {
                settle(entry, JobFailure.of(done.cause()));
              }
            });
  }

  /**
   * Writes pending successes in one transaction; while one is in flight, the next batch gathers.
   */
  private void flush() {
    if (flushing || pendingSuccesses.isEmpty()) {
      return;
    }
    flushing = true;
    List<Outcome.Success> batch =
        new ArrayList<>(
            pendingSuccesses.subList(
                0, Math.min(pendingSuccesses.size(), settings.completionBatch())));
    pendingSuccesses.subList(0, batch.size()).clear();
    Instant now = clock.instant();
    List<UUID> touched = pipelinesOf(batch.stream().map(Outcome.Success::jobId).toList());
    store
        .pool()
        .withTransaction(
            connection ->
                pipelines
                    .lock(connection, touched)
                    .compose(locked -> store.succeed(connection, batch, now))
                    .compose(
                        changes ->
                            pipelines
                                .advance(connection, changes, now)
                                .map(progress -> new Committed(changes, progress))))
        .onComplete(
            done -> {
              flushing = false;
              if (done.succeeded()) {
                batch.forEach(success -> release(success.jobId()));
                publish(done.result());
                wake();
              } else {
                // Keep the outcomes: the leases are still ours, so writing them later is still
                // valid.
                log.warn(
                    "recording {} completions failed, retrying: {}",
                    batch.size(),
                    done.cause().getMessage());
                pendingSuccesses.addAll(0, batch);
                vertx.setTimer(500, id -> flush());
                return;
              }
              flush();
            });
  }

  private void settle(Running entry, JobFailure failure) {
    ClaimedJob job = entry.job;
    Outcome.Settlement settlement = failures.decide(job, failure);
    entry.settled = true;
    Instant now = clock.instant();
    List<UUID> touched = job.pipelineId() == null ? List.of() : List.of(job.pipelineId());
    store
        .pool()
        .withTransaction(
            connection ->
                pipelines
                    .lock(connection, touched)
                    .compose(locked -> store.settle(connection, settlement, now))
                    .compose(changes -> haltIfFinal(connection, job, settlement, changes, now)))
        .onComplete(
            done -> {
              release(job.id());
              if (done.succeeded()) {
                publish(done.result());
              } else {
                // The lease will expire and the reaper re-queues the job: nothing is lost.
                log.warn(
                    "recording the failure of job {} failed: {}",
                    job.id(),
                    done.cause().getMessage());
              }
              wake();
            });
  }

  private Future<Committed> haltIfFinal(
      io.vertx.sqlclient.SqlConnection connection,
      ClaimedJob job,
      Outcome.Settlement settlement,
      List<JobChange> changes,
      java.time.Instant now) {
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

  private List<UUID> pipelinesOf(List<UUID> jobIds) {
    List<UUID> ids = new ArrayList<>();
    for (UUID jobId : jobIds) {
      Running entry = running.get(jobId);
      if (entry != null && entry.job.pipelineId() != null) {
        ids.add(entry.job.pipelineId());
      }
    }
    return ids;
  }

  /** PostgreSQL's "undefined table": the schema has not been migrated yet. */
  private static boolean schemaNotThereYet(Throwable failure) {
    return failure instanceof PgException pg && "42P01".equals(pg.getSqlState());
  }

  private void release(UUID jobId) {
    running.remove(jobId);
  }

  /**
   * Renews this node's leases; a job whose lease was lost is stopped, one cancelled is asked to.
   */
  private void heartbeat() {
    if (running.isEmpty()) {
      return;
    }
    Map<UUID, Long> leases = new LinkedHashMap<>();
    running.forEach((id, entry) -> leases.put(id, entry.job.leaseVersion()));
    store
        .heartbeat(settings.nodeId(), leases, clock.instant(), settings.lease())
        .onSuccess(
            held ->
                leases
                    .keySet()
                    .forEach(
                        id -> {
                          Running entry = running.get(id);
                          if (entry == null) {
                            return;
                          }
                          if (!held.containsKey(id)) {
                            entry.settled = true;
                            entry.control.requestStop("lease lost");
                            release(id);
                          } else if (held.get(id)) {
                            entry.control.requestStop("cancel requested");
                          }
                        }))
        .onFailure(failure -> log.warn("heartbeat failed: {}", failure.getMessage()));
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
              publish(committed);
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
        .transform(claim -> drainSuccesses())
        .eventually(this::handBack)
        .onComplete(done -> running.clear());
  }

  private Future<Void> handBack() {
    List<Future<?>> handedBack = new ArrayList<>();
    for (Running entry : new ArrayList<>(running.values())) {
      if (entry.settled) {
        continue;
      }
      // Settled first: a job that ends at once when asked to stop must not record that ending.
      entry.settled = true;
      entry.control.requestStop("node stopping");
      ClaimedJob job = entry.job;
      Outcome.Settlement back = FailureHandler.handBack(job);
      handedBack.add(store.settle(store.pool(), back, clock.instant()).onSuccess(events::jobs));
    }
    return Future.join(handedBack).mapEmpty();
  }

  private Future<Void> drainSuccesses() {
    if (pendingSuccesses.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Outcome.Success> batch = new ArrayList<>(pendingSuccesses);
    pendingSuccesses.clear();
    Instant now = clock.instant();
    List<UUID> touched = pipelinesOf(batch.stream().map(Outcome.Success::jobId).toList());
    return store
        .pool()
        .withTransaction(
            connection ->
                pipelines
                    .lock(connection, touched)
                    .compose(locked -> store.succeed(connection, batch, now))
                    .compose(changes -> pipelines.advance(connection, changes, now)))
        .mapEmpty();
  }

  private static final class Running {
    final ClaimedJob job;
    final JobControl control;
    boolean settled;

    Running(ClaimedJob job, JobControl control) {
      this.job = job;
      this.control = control;
    }
  }

  private void publish(Committed committed) {
    events.jobs(committed.changes());
    events.jobs(committed.progress().jobs());
    events.pipelines(committed.progress().pipelines());
  }
}
