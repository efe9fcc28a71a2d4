package io.synthos.bench;

import io.synthos.launcher.Launcher;
import io.synthos.launcher.Role;
import io.synthos.launcher.RunningNode;
import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.EmbeddedPostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Throughput across a PostgreSQL restart: authenticated job reads at a constant rate against a node
 * with its own embedded PostgreSQL, which is stopped for a while and started again. Prints, per
 * second, how many answers were 200, 503 or other, and how long after the restart the 200s came
 * back to 90% of the rate before the outage (issue #12: within 30 s).
 *
 * <pre>
 * mvn -Pbench -q compile exec:java -Dexec.mainClass=io.synthos.bench.DatabaseRestartBench \
 *     -Dbench.rate=300 -Dbench.beforeSeconds=20 -Dbench.outageSeconds=10 -Dbench.afterSeconds=40
 * </pre>
 */
public final class DatabaseRestartBench {

  private static final int RATE = BenchSupport.intProperty("bench.rate", 300);
  private static final int BEFORE_S = BenchSupport.intProperty("bench.beforeSeconds", 20);
  private static final int OUTAGE_S = BenchSupport.intProperty("bench.outageSeconds", 10);
  private static final int AFTER_S = BenchSupport.intProperty("bench.afterSeconds", 40);

  private DatabaseRestartBench() {}

  /** Answers counted by the second they arrived in, from the start of the load. */
  private static final class Timeline {
    final Map<Long, LongAdder> ok = new ConcurrentHashMap<>();
    final Map<Long, LongAdder> unavailable = new ConcurrentHashMap<>();
    final Map<Long, LongAdder> other = new ConcurrentHashMap<>();
    final long start = System.nanoTime();

    void count(Map<Long, LongAdder> kind) {
      kind.computeIfAbsent((System.nanoTime() - start) / 1_000_000_000L, s -> new LongAdder())
          .increment();
    }

    long at(Map<Long, LongAdder> kind, long second) {
      LongAdder adder = kind.get(second);
      return adder == null ? 0 : adder.sum();
    }

    long second() {
      return (System.nanoTime() - start) / 1_000_000_000L;
    }
  }

  public static void main(String[] args) throws Exception {
    BenchSupport.quietLogs();
    Path pgData = Files.createTempDirectory("synthos-bench-pg");
    int pgPort = BenchSupport.freePort();
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(pgData, pgPort);
    Map<String, String> env = BenchSupport.nodeEnvironment("unused");
    env.put("DATABASE_URL", postgres.url());
    env.put("RATE_LIMIT_PER_USER", "1000000");
    env.put("ACCESS_TOKEN_TTL_SECONDS", "7200");
    SynthosConfig config = ConfigLoader.load(Optional.empty(), env);
    RunningNode node =
        Launcher.start(config, EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR, Role.RESOURCES));
    Vertx client = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      int port = node.config().http().port();
      String token = BenchSupport.signUp(port, "bench-" + UUID.randomUUID() + "@example.com");
      String job = submitHeldJob(port, token);
      HttpClient http =
          client.createHttpClient(
              new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
      RequestOptions read =
          new RequestOptions()
              .setMethod(HttpMethod.GET)
              .setHost("127.0.0.1")
              .setPort(port)
              .setURI("/api/v1/jobs/" + job)
              .putHeader("Authorization", "Bearer " + token)
              .setIdleTimeout(20_000);
      Timeline timeline = new Timeline();
      AtomicLong sent = new AtomicLong();
      long periodNanos = 1_000_000_000L / RATE;
      // Every millisecond, send every request that has fallen due: an open, constant-rate load.
      long timer =
          client.setPeriodic(
              1,
              tick -> {
                long due = (System.nanoTime() - timeline.start) / periodNanos;
                while (sent.get() < due) {
                  sent.incrementAndGet();
                  http.request(read)
                      .compose(request -> request.send())
                      .compose(response -> response.body().map(response.statusCode()))
                      .onComplete(
                          done -> {
                            if (done.succeeded() && done.result() == 200) {
                              timeline.count(timeline.ok);
                            } else if (done.succeeded() && done.result() == 503) {
                              timeline.count(timeline.unavailable);
                            } else {
                              timeline.count(timeline.other);
                            }
                          });
                }
              });
      System.out.printf(
          "%d reads/s of GET /api/v1/jobs/{id}; PostgreSQL stopped at %d s for %d s%n",
          RATE, BEFORE_S, OUTAGE_S);
      waitUntil(timeline, BEFORE_S);
      postgres.close();
      long stoppedAt = timeline.second();
      waitUntil(timeline, BEFORE_S + OUTAGE_S);
      postgres = EmbeddedPostgresServer.start(pgData, pgPort);
      long restartedAt = timeline.second();
      waitUntil(timeline, BEFORE_S + OUTAGE_S + AFTER_S + 2);
      client.cancelTimer(timer);

      // The median second before the outage: the first seconds catch up on the warm-up's backlog.
      long[] seconds = new long[BEFORE_S - 5];
      for (int s = 5; s < BEFORE_S; s++) {
        seconds[s - 5] = timeline.at(timeline.ok, s);
      }
      java.util.Arrays.sort(seconds);
      double before = seconds[seconds.length / 2];
      System.out.printf("second   200   503  other%n");
      Long recovered = null;
      for (long s = 0; s < BEFORE_S + OUTAGE_S + AFTER_S; s++) {
        long ok = timeline.at(timeline.ok, s);
        System.out.printf(
            "%6d %5d %5d %6d%s%n",
            s,
            ok,
            timeline.at(timeline.unavailable, s),
            timeline.at(timeline.other, s),
            s == stoppedAt ? "  <- PostgreSQL stopped" : s == restartedAt ? "  <- started" : "");
        if (recovered == null && s > restartedAt && ok >= 0.9 * before) {
          recovered = s;
        }
      }
      System.out.printf(
          "before the outage %.0f 200s/s; back to >= 90%% of it %s%n",
          before,
          recovered == null
              ? "never within " + AFTER_S + " s"
              : (recovered - restartedAt) + " s after PostgreSQL was started again");
    } finally {
      client.close().await();
      node.close();
      postgres.close();
    }
  }

  /** Blocks this (main) thread until the load has run {@code seconds}; never an event loop. */
  private static void waitUntil(Timeline timeline, long seconds) throws InterruptedException {
    while (timeline.second() < seconds) {
      Thread.sleep(50);
    }
  }

  /** A no-op job, the row every read asks for. */
  private static String submitHeldJob(int port, String token) throws Exception {
    HttpResponse<String> created =
        BenchSupport.post(
            port,
            "/api/v1/jobs",
            token,
            new JsonObject().put("type", "noop").put("payload", new JsonObject()));
    if (created.statusCode() != 202) {
      throw new IllegalStateException("job refused: " + created.body());
    }
    return new JsonObject(created.body()).getString("id");
  }
}
