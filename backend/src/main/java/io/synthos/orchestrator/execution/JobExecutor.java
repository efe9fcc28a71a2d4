package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.jobs.ClaimedJob;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Runs one type of job; fails with a {@link JobFailure} to say what should happen next. */
@FunctionalInterface
public interface JobExecutor {

  /** Runs the attempt; must never block and should stop soon after {@code control} asks. */
  Future<JsonObject> execute(ClaimedJob job, JobControl control);
}
