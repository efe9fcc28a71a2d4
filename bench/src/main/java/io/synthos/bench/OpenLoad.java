package io.synthos.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * An open-model HTTP load generator on loopback: requests are due at a constant rate whatever the
 * server does (the next one does not wait for the last answer), and each latency runs from the
 * moment the request was due, not from when it left, so a server that stalls is charged for every
 * request that queued behind the stall (no coordinated omission, as in wrk2). A 1 ms timer on the
 * client's event loop sends every request that has fallen due; its own lateness (up to ~1 ms, more
 * when the machine is saturated) is charged to the server too, equally for every target.
 *
 * <p>One step: {@code warmup} at the rate, not recorded, then {@code measure} recorded; then up to
 * {@code drain} for the answers still out, after which they count as errors ({@code timeout}).
 */
final class OpenLoad implements AutoCloseable {

  /** What to send: the request's options and body (null for none), from its sequence number. */
  record Call(RequestOptions options, Buffer body) {}

  /** The figures of one measured step. */
  record Result(
      String target,
      double rate,
      double achieved,
      Histogram micros,
      Map<String, Long> errors,
      long sent,
      String cpu) {

    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Held: no error, p99 within {@code p99Micros}, and the answers kept up with the rate. */
    boolean sustained(long p99Micros) {
      return errorCount() == 0
          && micros.getValueAtPercentile(99) <= p99Micros
          && achieved >= rate * 0.97;
    }

    String line() {
      return String.format(
          "%-9s target %,7.0f/s  achieved %,7.0f/s  %s  n=%,d  errors %s  [%s]",
          target,
          rate,
          achieved,
          BenchSupport.percentiles(micros),
          micros.getTotalCount(),
          errors.isEmpty() ? "none" : errors,
          cpu);
    }
  }

  private static final long SETTLE_MILLIS = 120_000;

  private final Vertx vertx;
  private final Context context;
  private final HttpClient http;

  /**
   * A client on its own Vert.x instance with one event loop (one sending context keeps the schedule
   * and the counts single-threaded) and a pool of up to {@code connections} keep-alive sockets.
   */
  OpenLoad(int connections) {
    this.vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
    this.context = vertx.getOrCreateContext();
    this.http =
        vertx.createHttpClient(
            // Idle connections are dropped after 30 s, before the server's 60 s idle timeout
            // closes them under a request (which showed as closed connections and a slow step).
            new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(30).setPipelining(false),
            new PoolOptions().setHttp1MaxSize(connections));
  }

  /**
   * Runs one step against {@code target} at {@code rate} requests per second; {@code call} builds
   * the i-th request. Blocks the calling thread (never an event loop) until the step ends.
   */
  Result run(
      String target,
      double rate,
      long warmupMillis,
      long measureMillis,
      long drainMillis,
      LongFunction<Call> call)
      throws Exception {
    Step step = new Step(target, rate, warmupMillis, measureMillis, call);
    CompletableFuture<Void> sent = new CompletableFuture<>();
    CpuUse cpu = CpuUse.now();
    context.runOnContext(v -> step.start(sent));
    sent.get(warmupMillis + measureMillis + 60_000, TimeUnit.MILLISECONDS);
    step.awaitAnswers(drainMillis);
    Result result = step.result(cpu.untilNow() + ", load " + loadAverage());
    // An overloaded step leaves a backlog; the next step must not inherit it.
    step.awaitAnswers(SETTLE_MILLIS);
    return result;
  }

  /** One step's state; every field is touched on the client's single sending context only. */
  private final class Step {
    private final String target;
    private final double rate;
    private final long periodNanos;
    private final LongFunction<Call> call;
    private final long warmupNanos;
    private final long measureNanos;
    private final Histogram micros = BenchSupport.micros();
    private final Map<String, Long> errors = new TreeMap<>();
    private long start;
    private long next;
    private long sequence;
    private long outstanding;
    private long answeredInWindow;
    private long measuredSent;

    Step(String target, double rate, long warmupMillis, long measureMillis, LongFunction<Call> c) {
      this.target = target;
      this.rate = rate;
      this.periodNanos = Math.round(1e9 / rate);
      this.call = c;
      this.warmupNanos = TimeUnit.MILLISECONDS.toNanos(warmupMillis);
      this.measureNanos = TimeUnit.MILLISECONDS.toNanos(measureMillis);
    }

    void start(CompletableFuture<Void> done) {
      start = System.nanoTime();
      next = start;
      long end = start + warmupNanos + measureNanos;
      vertx.setPeriodic(
          1,
          timer -> {
            long now = System.nanoTime();
            while (next <= now && next < end) {
              send(next);
              next += periodNanos;
            }
            if (next >= end) {
              vertx.cancelTimer(timer);
              done.complete(null);
            }
          });
    }

    private void send(long due) {
      boolean measured = due >= start + warmupNanos;
      if (measured) {
        measuredSent++;
      }
      outstanding++;
      Call c = call.apply(sequence++);
      Future<HttpClientResponse> response =
          http.request(c.options())
              .compose(request -> c.body() == null ? request.send() : request.send(c.body()));
      response
          .compose(answer -> answer.body().map(body -> answer.statusCode()))
          .onComplete(
              done -> {
                outstanding--;
                long now = System.nanoTime();
                if (!measured) {
                  return;
                }
                if (now <= start + warmupNanos + measureNanos) {
                  answeredInWindow++;
                }
                if (done.failed()) {
                  errors.merge(done.cause().getClass().getSimpleName(), 1L, Long::sum);
                } else if (done.result() / 100 != 2) {
                  errors.merge("HTTP " + done.result(), 1L, Long::sum);
                }
                micros.recordValue(
                    Math.min(micros.getHighestTrackableValue(), Math.max(1, (now - due) / 1_000)));
              });
    }

    /** Polls the count on the client's context until nothing is out or {@code drain} is over. */
    void awaitAnswers(long drainMillis) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
      while (onContext(() -> outstanding) > 0 && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(20); // the generator's own drain poll, not a test wait
      }
    }

    Result result(String cpu) throws Exception {
      return onContext(
          () -> {
            if (outstanding > 0) {
              errors.merge("timeout", outstanding, Long::sum);
            }
            double seconds = measureNanos / 1e9;
            return new Result(
                target,
                rate,
                answeredInWindow / seconds,
                micros.copy(),
                new TreeMap<>(errors),
                measuredSent,
                cpu);
          });
    }
  }

  /** The one-minute load average, as uptime prints it. */
  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private <T> T onContext(java.util.concurrent.Callable<T> read) throws Exception {
    CompletableFuture<T> value = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          try {
            value.complete(read.call());
          } catch (Exception e) {
            value.completeExceptionally(e);
          }
        });
    return value.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
