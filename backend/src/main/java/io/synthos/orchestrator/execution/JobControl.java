package io.synthos.orchestrator.execution;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.BiConsumer;

/**
 * Lets a running job learn that it should stop (cancelled, lease lost, or node stopping) and tell
 * how far it got.
 */
public final class JobControl {

  private final Promise<String> stop = Promise.promise();
  private final BiConsumer<String, Double> progress;

  /** A job whose progress goes nowhere. */
  public JobControl() {
    this((step, fraction) -> {});
  }

  /** {@code progress} receives the step under way and the fraction (0 to 1) of the job done. */
  public JobControl(BiConsumer<String, Double> progress) {
    this.progress = progress;
  }

  /** Reports how far the job got; called on the job's event loop. */
  public void progress(String step, double fraction) {
    progress.accept(step, fraction);
  }

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
