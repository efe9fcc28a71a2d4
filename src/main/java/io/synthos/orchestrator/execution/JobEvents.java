package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.OrchestratorAddresses;
import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.JobChange;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;

/** Publishes every committed job and pipeline state change on {@code jobs.events}. */
public final class JobEvents {

  private final EventBus bus;
  private final Clock clock;

  public JobEvents(EventBus bus, Clock clock) {
    this.bus = bus;
    this.clock = clock;
  }

  public void jobs(List<JobChange> changes) {
    changes.forEach(
        change ->
            bus.publish(
                OrchestratorAddresses.JOB_EVENTS,
                change.toJson().put("kind", "job").put("at", clock.instant().toString())));
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
