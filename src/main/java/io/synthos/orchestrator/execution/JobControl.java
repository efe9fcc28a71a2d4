package io.synthos.orchestrator.execution;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/** Lets a running job learn that it should stop: cancelled, lease lost, or node stopping. */
public final class JobControl {

  private final Promise<String> stop = Promise.promise();

  /** Completes with the reason once the job is asked to stop. */
  public Future<String> stopRequested() {
    return stop.future();
  }

  public boolean stopping() {
    return stop.future().isComplete();
  }

  public void requestStop(String reason) {
    stop.tryComplete(reason);
  }
}
