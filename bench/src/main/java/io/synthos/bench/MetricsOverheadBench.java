package io.synthos.bench;

import io.synthos.launcher.Launcher;
import io.synthos.launcher.Role;
import io.synthos.launcher.RunningNode;
import io.synthos.platform.FreePort;
import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.SynthosConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What metrics cost an authenticated request: requests per second of {@code GET /api/v1/auth/me}
 * (bearer token, so the auth verticle and Redis rate limit run on every request) on a fresh node
 * with {@code ENABLE_METRICS} on or off, alternating ({@code bench.modes}), each for {@code
 * bench.seconds} after {@code bench.warmup} unmeasured seconds, with {@code bench.concurrency}
 * requests in flight.
 *
 * <pre>
 * mvn -Pbench -q compile exec:java -Dexec.mainClass=io.synthos.bench.MetricsOverheadBench
 * </pre>
 */
public final class MetricsOverheadBench {

  private static final int SECONDS = BenchSupport.intProperty("bench.seconds", 20);
  private static final int WARMUP = BenchSupport.intProperty("bench.warmup", 10);
  private static final int CONCURRENCY = BenchSupport.intProperty("bench.concurrency", 32);
  private static final String PASSWORD = "bench-Metrics-pass-2026";

  private MetricsOverheadBench() {}

  public static void main(String[] args) throws Exception {
    BenchSupport.quietLogs();
    for (String mode : System.getProperty("bench.modes", "on,off,on,off,on,off").split(",")) {
      boolean metrics = "on".equals(mode.strip());
      BenchSupport.waitForQuietMachine();
      double rate = run(metrics);
      System.out.printf("metrics %-3s  %,8.0f requests/s%n", metrics ? "on" : "off", rate);
    }
    System.exit(0);
  }

  private static double run(boolean metrics) throws Exception {
    String database = BenchSupport.freshDatabase("bench_metrics");
    Map<String, String> env = new HashMap<>();
    env.put("DATABASE_URL", "postgresql://postgres@" + BenchSupport.SERVER + "/" + database);
    env.put("REDIS_URL", "redis://127.0.0.1:6379");
    env.put("SYNTHOS_DATA_DIR", Files.createTempDirectory("synthos-metrics-bench").toString());
    env.put("PORT", String.valueOf(freePort()));
    env.put("ADMIN_PORT", String.valueOf(freePort()));
    env.put("GRPC_PORT", String.valueOf(freePort()));
    env.put("RATE_LIMIT_PER_USER", "1000000");
    env.put("RATE_LIMIT_LOGIN_PER_IP", "100000");
    env.put("RATE_LIMIT_REGISTER_PER_IP", "100000");
    env.put("ENABLE_METRICS", String.valueOf(metrics));
    SynthosConfig config = ConfigLoader.load(Optional.empty(), env);
    RunningNode node = Launcher.start(config, EnumSet.of(Role.API, Role.AUTH));
    Vertx clients = Vertx.vertx();
    try {
      HttpClient http =
          clients.createHttpClient(
              new HttpClientOptions()
                  .setDefaultHost("127.0.0.1")
                  .setDefaultPort(config.http().port())
                  .setKeepAlive(true),
              new PoolOptions().setHttp1MaxSize(CONCURRENCY));
      String token = token(http);
      load(http, token, WARMUP);
      return load(http, token, SECONDS) / (double) SECONDS;
    } finally {
      clients.close().await();
      node.close();
      BenchSupport.dropDatabase(database);
    }
  }

  private static String token(HttpClient http) {
    JsonObject login =
        new JsonObject().put("email", "bench-metrics@example.com").put("password", PASSWORD);
    send(http, "/api/v1/auth/register", login.copy().put("name", "Bench")).await();
    return new JsonObject(send(http, "/api/v1/auth/login", login).await())
        .getString("access_token");
  }

  private static Future<String> send(HttpClient http, String path, JsonObject body) {
    return http.request(HttpMethod.POST, path)
        .compose(
            request ->
                request
                    .putHeader("Content-Type", "application/json")
                    .send(body.encode())
                    .compose(response -> response.body().map(Object::toString)));
  }

  /** Keeps {@link #CONCURRENCY} requests in flight for {@code seconds}; answers how many ended. */
  private static long load(HttpClient http, String token, int seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong done = new AtomicLong();
    CountDownLatch finished = new CountDownLatch(CONCURRENCY);
    RequestOptions me =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setURI("/api/v1/auth/me")
            .putHeader("Authorization", "Bearer " + token);
    for (int i = 0; i < CONCURRENCY; i++) {
      loop(http, me, end, done, finished);
    }
    finished.await();
    return done.get();
  }

  private static void loop(
      HttpClient http, RequestOptions me, long end, AtomicLong done, CountDownLatch finished) {
    if (System.nanoTime() >= end) {
      finished.countDown();
      return;
    }
    http.request(me)
        .compose(request -> request.send().compose(response -> response.body()))
        .onComplete(
            answered -> {
              if (answered.succeeded()) {
                done.incrementAndGet();
              }
              loop(http, me, end, done, finished);
            });
  }

  private static int freePort() {
    return FreePort.find();
  }
}
