package io.synthos.ml.common;

import io.synthos.ml.stats.Progress;
import io.vertx.core.Context;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * Progress from a worker thread to a gRPC client streaming events, written on the service's event
 * loop and only when the step changes or moves by a percent: the computation never waits for the
 * network. A client that went away makes {@link #cancelled()} true, which stops the computation.
 *
 * @param <E> the event type of the streaming call
 */
public final class StreamedProgress<E> implements Progress {

  private final Context context;
  private final GrpcServerResponse<?, E> response;
  private final BiFunction<String, Double, E> event;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private String step = "";
  private double reported = -1;

  /** Call on the service's event loop; {@code event} turns a step and fraction into an event. */
  public StreamedProgress(
      Context context, GrpcServerResponse<?, E> response, BiFunction<String, Double, E> event) {
    this.context = context;
    this.response = response;
    this.event = event;
    ClientGone.onGone(response, gone -> cancelled.set(true));
  }

  @Override
  public void report(String current, double fraction) {
    if (current.equals(step) && fraction - reported < 0.01 && fraction < 1) {
      return;
    }
    step = current;
    reported = fraction;
    E progress = event.apply(current, fraction);
    context.runOnContext(
        v -> {
          if (cancelled.get() || response.writeQueueFull()) {
            return;
          }
          try {
            response.write(progress);
          } catch (IllegalStateException reset) {
            // The client cancelled before its reset reached the exception handler.
            cancelled.set(true);
          }
        });
  }

  @Override
  public boolean cancelled() {
    return cancelled.get();
  }
}
