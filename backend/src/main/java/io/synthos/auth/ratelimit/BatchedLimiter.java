package io.synthos.auth.ratelimit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.redis.client.RedisAPI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * The fixed windows of {@link RateLimiter}, counted in this process and added to Redis in batches,
 * for a limit checked on every request. A subject's first request of a window is counted in Redis
 * as by {@link RateLimiter#hit}, which tells the window's count and end; the rest of the window is
 * counted here, and every {@link #FLUSH_EVERY} the counts of every subject go to Redis in one
 * script call, whose answer is each window's total across all nodes.
 *
 * <p>The counts are shared by every limiter of one Vert.x instance, so one node is exact. What this
 * trades: between two flushes a node does not see what the others counted, so a subject can pass
 * its limit by what the other nodes let through in one flush interval. When a flush fails, every
 * window is forgotten (that interval's counts with it) and the next request of each subject asks
 * Redis again, where the policy decides if Redis cannot answer.
 */
public final class BatchedLimiter {

  public static final Duration FLUSH_EVERY = Duration.ofMillis(100);

  /** Windows beyond this many are not kept: those subjects are counted in Redis every time. */
  static final int MAX_WINDOWS = 100_000;

  /** Subjects per script call, so that a flush never holds Redis for long. */
  static final int KEYS_PER_CALL = 500;

  private static final String SHARED_MAP = "synthos.auth.batched-counts";

  // KEYS[i] gets ARGV[2i-1] more hits; a window it starts expires after ARGV[2i] ms, as in HIT.
  // Answers {count, PTTL} for each key, in order.
  private static final LuaScript ADD =
      new LuaScript(
          """
          local answer = {}
          for i, key in ipairs(KEYS) do
            local added = tonumber(ARGV[2 * i - 1])
            local count = redis.call('INCRBY', key, added)
            if count == added or redis.call('PTTL', key) < 0 then
              redis.call('PEXPIRE', key, ARGV[2 * i])
            end
            answer[2 * i - 1] = count
            answer[2 * i] = redis.call('PTTL', key)
          end
          return answer
          """);

  private final Vertx vertx;
  private final RedisAPI redis;
  private final RateLimiter exact;
  private final Clock clock;
  private final OutageLog outages;
  private final Counts counts;
  private final long timer;

  public BatchedLimiter(Vertx vertx, RedisAPI redis, RateLimiter exact, Clock clock) {
    this(vertx, redis, exact, FLUSH_EVERY, clock);
  }

  BatchedLimiter(Vertx vertx, RedisAPI redis, RateLimiter exact, Duration flushEvery, Clock clock) {
    this.vertx = vertx;
    this.redis = redis;
    this.exact = exact;
    this.clock = clock;
    this.outages = new OutageLog(LoggerFactory.getLogger(BatchedLimiter.class), clock);
    LocalMap<String, Counts> shared = vertx.sharedData().getLocalMap(SHARED_MAP);
    shared.putIfAbsent("counts", new Counts());
    this.counts = shared.get("counts");
    // Each limiter flushes the shared counts, so they still go out when one of them is closed.
    this.timer = vertx.setPeriodic(flushEvery.toMillis(), id -> flush());
  }

  /**
   * Counts one request of {@code subject} in {@code bucket}, as {@link RateLimiter#hit} does and
   * with the same policy when Redis cannot answer; never fails.
   */
  public Future<RateDecision> hit(String bucket, String subject, int limit, Duration window) {
    String name = bucket + ':' + subject;
    long now = clock.millis();
    Window known = counts.windows.get(name);
    if (known == null || now >= known.endsAt) {
      return firstOfWindow(name, bucket, subject, limit, window, now);
    }
    known.unsent.incrementAndGet();
    return Future.succeededFuture(
        RateDecision.counted(limit, known.total(), Duration.ofMillis(known.endsAt - now)));
  }

  private Future<RateDecision> firstOfWindow(
      String name, String bucket, String subject, int limit, Duration window, long now) {
    if (limit < 1 || window.toMillis() < 1) {
      throw new IllegalArgumentException("limit and window must be positive");
    }
    String key = SubjectKeys.of(bucket, subject);
    return exact
        .count(key, window)
        .map(
            counted -> {
              remember(name, new Window(key, window, counted, now));
              return counted.decision(limit);
            })
        .otherwise(failure -> exact.withoutRedis(bucket, limit, window, failure));
  }

  // Requests that started the same window at once each bring a count: the highest is the latest,
  // and a window still running keeps the hits counted in it.
  private void remember(String name, Window fresh) {
    if (counts.windows.size() >= MAX_WINDOWS && !counts.windows.containsKey(name)) {
      return;
    }
    long now = clock.millis();
    counts.windows.merge(
        name,
        fresh,
        (held, latest) -> {
          if (now >= held.endsAt) {
            return latest;
          }
          held.known = Math.max(held.known, latest.known);
          return held;
        });
  }

  /** Sends what was counted since the last flush; one call per {@link #KEYS_PER_CALL} subjects. */
  Future<Void> flush() {
    if (!counts.flushing.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    try {
      return flushWindows().onComplete(done -> counts.flushing.set(false));
    } catch (RuntimeException e) {
      counts.flushing.set(false);
      throw e;
    }
  }

  private Future<Void> flushWindows() {
    long now = clock.millis();
    // An ended window's key has expired in Redis: its unsent hits no longer count anywhere.
    counts.windows.values().removeIf(window -> now >= window.endsAt);
    List<Window> batch = new ArrayList<>();
    for (Window window : counts.windows.values()) {
      if (window.startSending()) {
        batch.add(window);
      }
    }
    List<Future<Void>> calls = new ArrayList<>();
    for (int from = 0; from < batch.size(); from += KEYS_PER_CALL) {
      calls.add(send(batch.subList(from, Math.min(batch.size(), from + KEYS_PER_CALL))));
    }
    return Future.join(calls)
        .<Void>mapEmpty()
        .onFailure(
            failure -> {
              outages.failed("batched rate limit", exact.policy(), failure);
              counts.windows.clear();
            });
  }

  private Future<Void> send(List<Window> windows) {
    List<String> keys = new ArrayList<>(windows.size());
    List<String> args = new ArrayList<>(windows.size() * 2);
    for (Window window : windows) {
      keys.add(window.key);
      args.add(Long.toString(window.sending));
      args.add(Long.toString(window.length.toMillis()));
    }
    return ADD.run(redis, keys, args)
        .timeout(RateLimiter.REDIS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .map(
            reply -> {
              long now = clock.millis();
              for (int i = 0; i < windows.size(); i++) {
                windows.get(i).sent(RateLimiter.Counted.of(reply, 2 * i), now);
              }
              return null;
            });
  }

  /** Stops this limiter's flushes, after one last flush of what was counted. */
  public Future<Void> close() {
    vertx.cancelTimer(timer);
    return flush().otherwise((Void) null);
  }

  /** The windows of one Vert.x instance. */
  private static final class Counts implements Shareable {
    final Map<String, Window> windows = new ConcurrentHashMap<>();
    final AtomicBoolean flushing = new AtomicBoolean();
  }

  /**
   * One subject's window as this node knows it: Redis's total when last asked ({@code known}), what
   * is on its way there ({@code sending}) and what was counted since ({@code unsent}). Read without
   * locks, in an order that can count a hit twice for a moment but never miss one.
   */
  private static final class Window {
    final String key;
    final Duration length;
    final AtomicLong unsent = new AtomicLong();
    volatile long sending;
    volatile long known;
    volatile long endsAt;

    Window(String key, Duration length, RateLimiter.Counted counted, long now) {
      this.key = key;
      this.length = length;
      this.known = counted.count();
      this.endsAt = now + counted.resetAfter().toMillis();
    }

    long total() {
      long counted = unsent.get();
      long inFlight = sending;
      return counted + inFlight + known;
    }

    /** Moves the unsent hits to {@code sending}; false when there are none. */
    boolean startSending() {
      long hits = unsent.get();
      if (hits == 0) {
        return false;
      }
      sending = hits;
      unsent.addAndGet(-hits);
      return true;
    }

    void sent(RateLimiter.Counted total, long now) {
      known = total.count();
      sending = 0;
      endsAt = now + total.resetAfter().toMillis();
    }
  }
}
