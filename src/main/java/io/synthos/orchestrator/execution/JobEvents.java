package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.OrchestratorAddresses;
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

  public void pipelines(List<JsonObject> changes) {
    changes.forEach(
        change ->
            bus.publish(
                OrchestratorAddresses.JOB_EVENTS,
                change.copy().put("kind", "pipeline").put("at", clock.instant().toString())));
  }
}
