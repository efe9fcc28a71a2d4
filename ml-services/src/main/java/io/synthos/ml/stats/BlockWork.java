package io.synthos.ml.stats;

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
public final class BlockWork implements AutoCloseable {

  private final Progress progress;
  private final String section;
  private final int threads;
  private final ExecutorService pool;

  /**
   * Work of {@code section} (as progress names it) on {@code threads} threads, this one included.
   */
  public BlockWork(Progress progress, String section, int threads) {
    this.progress = progress;
    this.section = section;
    this.threads = threads;
    this.pool =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads - 1,
                task -> {
                  Thread thread = new Thread(task, "synthos-" + section);
                  thread.setDaemon(true);
                  return thread;
                });
  }

  /**
   * Runs {@code body} for blocks {@code 0 .. blocks - 1}, reporting progress from {@code from} to
   * {@code to}; throws {@link Progress.Cancelled} when the caller went away.
   */
  public void run(int blocks, double from, double to, IntConsumer body) {
    // Checked before any thread starts too: the pool threads may take every block while this one
    // computes its own, so a run can end without this thread asking again, and a caller gone
    // meanwhile must still stop the next run.
    progress.check();
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
        progress.report(section, from + (to - from) * finished.incrementAndGet() / blocks);
      }
      for (Future<?> helper : helpers) {
        helper.get();
      }
      progress.report(section, to);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing " + section, e);
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
