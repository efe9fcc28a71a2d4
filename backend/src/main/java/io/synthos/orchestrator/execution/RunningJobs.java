package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.JobStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs this node runs now, with their leases. Heartbeats renew the leases: a job whose lease
 * was lost is told to stop and forgotten, one whose cancellation was requested is asked to stop.
 * When the node stops, the jobs still running are handed back to the queue without using an
 * attempt. Used on the scheduler's event loop only.
 */
final class RunningJobs {

  private static final Logger log = LoggerFactory.getLogger(RunningJobs.class);

  /**
   * One job running here. {@code settled} once its outcome was decided otherwise than by its own
   * end (a failure being recorded, a lost lease, a hand-back): its own end is then ignored.
   */
  static final class Entry {
    final ClaimedJob job;
    final JobControl control;
    boolean settled;

    private Entry(ClaimedJob job, JobControl control) {
      this.job = job;
      this.control = control;
    }
  }

  private final Map<UUID, Entry> byId = new HashMap<>();
  private final JobStore store;
  private final SchedulerSettings settings;
  private final Clock clock;
  private final JobEvents events;

  RunningJobs(JobStore store, SchedulerSettings settings, Clock clock, JobEvents events) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.events = events;
  }

  Entry add(ClaimedJob job, JobControl control) {
    Entry entry = new Entry(job, control);
    byId.put(job.id(), entry);
    return entry;
  }

  /** The job running here under that id, or null. */
  Entry get(UUID jobId) {
    return byId.get(jobId);
  }

  void release(UUID jobId) {
    byId.remove(jobId);
  }

  int size() {
    return byId.size();
  }

  void clear() {
    byId.clear();
  }

  /**
   * Renews this node's leases; a job whose lease was lost is stopped, one cancelled is asked to.
   */
  void heartbeat() {
    if (byId.isEmpty()) {
      return;
    }
    Map<UUID, Long> leases = new LinkedHashMap<>();
    byId.forEach((id, entry) -> leases.put(id, entry.job.leaseVersion()));
    store
        .heartbeat(settings.nodeId(), leases, clock.instant(), settings.lease())
        .onSuccess(held -> leases.keySet().forEach(id -> renewed(id, held)))
        .onFailure(failure -> log.warn("heartbeat failed: {}", failure.getMessage()));
  }

  private void renewed(UUID id, Map<UUID, Boolean> held) {
    Entry entry = byId.get(id);
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
  }

  /**
   * Hands every job not yet settled back to the queue, its attempt not counted, and asks it to
   * stop; completes when every hand-back was tried.
   */
  Future<Void> handBack() {
    List<Future<?>> handedBack = new ArrayList<>();
    for (Entry entry : new ArrayList<>(byId.values())) {
      if (entry.settled) {
        continue;
      }
      // Settled first: a job that ends at once when asked to stop must not record that ending.
      entry.settled = true;
      entry.control.requestStop("node stopping");
      handedBack.add(
          store
              .settle(store.pool(), FailureHandler.handBack(entry.job), clock.instant())
              .onSuccess(events::jobs));
    }
    return Future.join(handedBack).mapEmpty();
  }
}
