package io.synthos.testing;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting on a Vert.x future from a test thread. */
public final class Futures {

  /** Long enough for a slow two-core machine with the coverage agent; short of a hung build. */
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private Futures() {}

  /**
   * The future's result, waiting at most a minute.
   *
   * @throws AssertionError when it fails (the message names its failure) or gives no outcome
   */
  public static <T> T await(Future<T> future) {
    return await(future, PATIENCE);
  }

  /** The future's result, waiting at most {@code patience}. */
  public static <T> T await(Future<T> future, Duration patience) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("the future failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("the future gave no outcome within " + patience, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a future", e);
    }
  }
}
