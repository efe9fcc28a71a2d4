package io.synthos.ml.stats.collapse;

import io.synthos.ml.stats.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs numbered blocks of work on the calling thread plus {@code threads - 1} pool threads. Only
 * the calling thread talks to {@link Progress}, so implementations need not be thread-safe; pool
 * threads stop at their next block once the caller stops.
 */
final class PrdcWork implements AutoCloseable {

  static final String SECTION = Prdc.SECTION;

  private final Progress progress;
  private final int threads;
  private final ExecutorService pool;

  PrdcWork(Progress progress, int threads) {
    this.progress = progress;
    this.threads = threads;
    this.pool =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads - 1,
                task -> {
                  Thread thread = new Thread(task, "synthos-prdc");
                  thread.setDaemon(true);
                  return thread;
                });
  }

  /**
   * Runs {@code body} for blocks {@code 0 .. blocks - 1}, reporting progress from {@code from} to
   * {@code to}; throws {@link Progress.Cancelled} when the caller went away.
   */
  void run(int blocks, double from, double to, IntConsumer body) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    Runnable worker =
        () -> {
          while (true) {
            if (stop.get()) {
              return;
            }
            int block = next.getAndIncrement();
            if (block >= blocks) {
              return;
            }
            body.accept(block);
            finished.incrementAndGet();
          }
        };
    List<Future<?>> helpers = new ArrayList<>();
    for (int i = 1; i < threads; i++) {
      helpers.add(pool.submit(worker));
    }
    try {
      int block;
      while ((block = next.getAndIncrement()) < blocks) {
        progress.check();
        body.accept(block);
        progress.report(SECTION, from + (to - from) * finished.incrementAndGet() / blocks);
      }
      for (Future<?> helper : helpers) {
        helper.get();
      }
      progress.report(SECTION, to);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing PRDC", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    } finally {
      stop.set(true);
      awaitQuietly(helpers);
    }
  }

  private static void awaitQuietly(List<Future<?>> helpers) {
    for (Future<?> helper : helpers) {
      try {
        helper.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException e) {
        // Already reported, or superseded by the caller's own failure.
      }
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
