package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.jobs.ClaimedJob;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * {@code noop}: does nothing, for checking the queue. With {@code hold_ms} in its payload it keeps
 * its slot that long (the fault tests and benchmarks use it); a stop request ends the hold early.
 */
final class NoopJob implements JobExecutor {

  /** The longest a no-op job may hold its slot. */
  static final long MAX_HOLD_MS = 60_000;

  private final Vertx vertx;

  NoopJob(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<JsonObject> execute(ClaimedJob job, JobControl control) {
    long hold = Math.min(Math.max(job.payload().getLong("hold_ms", 0L), 0), MAX_HOLD_MS);
    if (hold == 0) {
      return Future.succeededFuture(new JsonObject());
    }
    Promise<JsonObject> done = Promise.promise();
    long timer = vertx.setTimer(hold, fired -> done.tryComplete(new JsonObject()));
    control
        .stopRequested()
        .onSuccess(
            reason -> {
              vertx.cancelTimer(timer);
              done.tryFail(new JobFailure(JobFailure.Kind.CANCELLED, "stopped: " + reason));
            });
    return done.future();
  }
}
