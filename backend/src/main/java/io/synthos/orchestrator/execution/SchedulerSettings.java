package io.synthos.orchestrator.execution;

import java.time.Duration;

/**
 * How one node's scheduler behaves: how many jobs it runs at once, how many it claims per
 * transaction, how long a lease lasts and how often it is renewed, how often it polls when no
 * notification arrives, and how often it looks for expired leases.
 */
public record SchedulerSettings(
    String nodeId,
    int concurrency,
    int claimBatch,
    Duration lease,
    Duration heartbeat,
    Duration poll,
    Duration reap,
    int completionBatch) {

  /**
   * Defaults for a node: 128 jobs at once, claimed 64 at a time, 30 s leases renewed every 10 s, a
   * 1 s poll. Concurrency is twice the claim batch so claims stay full: with the two equal, each
   * completion frees one slot and claims shrink to a job or two (measured in bench/RESULTS.md).
   */
  public static SchedulerSettings defaults(String nodeId) {
    return new SchedulerSettings(
        nodeId,
        128,
        64,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        256);
  }

  /**
   * These settings with another lease: renewed every third of it, so two renewals can fail before
   * it runs out, and looked for expired every third of it (at most every 5 s as by default), so a
   * dead node's jobs are queued again at most a lease and a third after it died.
   */
  public SchedulerSettings withLease(Duration lease) {
    Duration third = lease.dividedBy(3);
    return new SchedulerSettings(
        nodeId,
        concurrency,
        claimBatch,
        lease,
        third,
        poll,
        third.compareTo(reap) < 0 ? third : reap,
        completionBatch);
  }
}
