package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.OrchestratorAddresses;
import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.JobChange;
import io.synthos.orchestrator.jobs.JobState;
import io.synthos.platform.metrics.Metrics;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;

/** Publishes every committed job and pipeline state change on {@code jobs.events}. */
public final class JobEvents {

  private final EventBus bus;
  private final Clock clock;
  private final Metrics metrics;

  public JobEvents(EventBus bus, Clock clock) {
    this(bus, clock, Metrics.disabled());
  }

  /** Also counts claims, completions, retries and dead jobs: each change is published once. */
  public JobEvents(EventBus bus, Clock clock, Metrics metrics) {
    this.bus = bus;
    this.clock = clock;
    this.metrics = metrics;
    // Rare events start at zero, so that dashboards and alerts see them before the first one.
    metrics.count(Metrics.JOBS_RETRIED, 0);
    metrics.count(Metrics.JOBS_LEASE_EXPIRED, 0);
    metrics.count(Metrics.JOBS_DEAD, 0);
  }

  public void jobs(List<JobChange> changes) {
    changes.forEach(
        change -> {
          count(change);
          bus.publish(
              OrchestratorAddresses.JOB_EVENTS,
              change.toJson().put("kind", "job").put("at", clock.instant().toString()));
        });
  }

  /** Jobs re-queued or ended because their lease expired. */
  public void leasesExpired(List<JobChange> changes) {
    metrics.count(Metrics.JOBS_LEASE_EXPIRED, changes.size());
  }

  private void count(JobChange change) {
    String type = change.type();
    switch (change.state()) {
      case RUNNING -> metrics.count(Metrics.JOBS_CLAIMED, "type", type);
      case QUEUED -> {
        if ("retry-backoff".equals(change.reason())) {
          metrics.count(Metrics.JOBS_RETRIED, 1);
        }
      }
      default -> {
        metrics.count(Metrics.JOBS_COMPLETED, "type", type, "state", change.state().id());
        if (change.state() == JobState.DEAD) {
          metrics.count(Metrics.JOBS_DEAD, 1);
        }
        if (change.state() == JobState.DEAD || change.state() == JobState.FAILED) {
          metrics.error("job-" + change.state().id(), "orchestrator");
        }
      }
    }
  }

  /**
   * How far a running job got, as its service reported it. Not stored: a missed one is made good by
   * the next, and the job's end is always a state change.
   */
  public void progress(ClaimedJob job, String step, double fraction) {
    bus.publish(
        OrchestratorAddresses.JOB_EVENTS,
        new JsonObject()
            .put("kind", "progress")
            .put("job_id", job.id().toString())
            .put("pipeline_id", job.pipelineId() == null ? null : job.pipelineId().toString())
            .put("stage", job.stage())
            .put("type", job.type())
            .put("owner_id", job.ownerId().toString())
            .put("step", step)
            .put("fraction", fraction)
            .put("at", clock.instant().toString()));
  }

  public void pipelines(List<JsonObject> changes) {
    changes.forEach(
        change ->
            bus.publish(
                OrchestratorAddresses.JOB_EVENTS,
                change.copy().put("kind", "pipeline").put("at", clock.instant().toString())));
  }
}
