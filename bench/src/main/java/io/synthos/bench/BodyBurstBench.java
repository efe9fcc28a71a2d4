package io.synthos.bench;

import io.synthos.launcher.Launcher;
import io.synthos.launcher.Role;
import io.synthos.launcher.RunningNode;
import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.SynthosConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A burst of large JSON bodies, all at once on their own connections, against a node with a body
 * budget (HTTP_BODY_BUDGET_MB) and without one (the budget set far above the burst): how much heap
 * the node's JVM uses at the peak, and what the clients were answered. The bodies are sent
 * unauthenticated to the login route, as an attacker would: they are read before anyone is
 * authenticated.
 *
 * <pre>
 * MAVEN_OPTS=-Xmx1g mvn -Pbench -q compile exec:java -Dexec.mainClass=io.synthos.bench.BodyBurstBench \
 *     -Dbench.connections=600 -Dbench.bodyKiB=1000 -Dbench.budgetMb=64
 * </pre>
 */
public final class BodyBurstBench {

  private static final int CONNECTIONS = BenchSupport.intProperty("bench.connections", 600);
  private static final int BODY_KIB = BenchSupport.intProperty("bench.bodyKiB", 1000);
  private static final int BUDGET_MB = BenchSupport.intProperty("bench.budgetMb", 64);

  private BodyBurstBench() {}

  public static void main(String[] args) throws Exception {
    BenchSupport.quietLogs();
    System.out.printf(
        "%d connections, each one %d KiB body at once; max heap %d MiB%n",
        CONNECTIONS, BODY_KIB, Runtime.getRuntime().maxMemory() >> 20);
    for (int budget : new int[] {BUDGET_MB, 65_536}) {
      run(budget);
    }
  }

  private static void run(int budgetMb) throws Exception {
    String database = BenchSupport.migratedDatabase("bench_burst");
    Map<String, String> env = BenchSupport.nodeEnvironment(database);
    env.put("HTTP_BODY_BUDGET_MB", String.valueOf(budgetMb));
    env.put("RATE_LIMIT_LOGIN_PER_IP", "1000000");
    SynthosConfig config = ConfigLoader.load(Optional.empty(), env);
    RunningNode node = Launcher.start(config, EnumSet.of(Role.API, Role.AUTH));
    Vertx client = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try {
      System.gc();
      long before = memory.getHeapMemoryUsage().getUsed();
      AtomicLong peak = new AtomicLong(before);
      Thread sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "heap-sampler");
      sampler.start();
      HttpClient http =
          client.createHttpClient(
              new HttpClientOptions().setKeepAlive(false),
              new PoolOptions().setHttp1MaxSize(CONNECTIONS));
      Buffer body = body(BODY_KIB * 1024);
      Map<String, LongAdder> answers = new ConcurrentHashMap<>();
      long start = System.nanoTime();
      List<Future<Integer>> all = new ArrayList<>();
      for (int i = 0; i < CONNECTIONS; i++) {
        all.add(
            http.request(
                    new RequestOptions()
                        .setMethod(HttpMethod.POST)
                        .setHost("127.0.0.1")
                        .setPort(node.config().http().port())
                        .setURI("/api/v1/auth/login")
                        .putHeader("Content-Type", "application/json")
                        .setIdleTimeout(60_000))
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(response.statusCode()))
                .onComplete(
                    done ->
                        answers
                            .computeIfAbsent(
                                done.succeeded()
                                    ? String.valueOf(done.result())
                                    : done.cause().getClass().getSimpleName(),
                                k -> new LongAdder())
                            .increment()));
      }
      Future.join(all).toCompletionStage().toCompletableFuture().handle((r, e) -> null).get();
      long millis = (System.nanoTime() - start) / 1_000_000;
      sampler.interrupt();
      sampler.join();
      System.gc();
      long after = memory.getHeapMemoryUsage().getUsed();
      Map<String, Long> counted = new TreeMap<>();
      answers.forEach((k, v) -> counted.put(k, v.sum()));
      System.out.printf(
          "budget %,d MiB: heap used %d MiB before, %d MiB at the peak, %d MiB after a GC;"
              + " answers %s in %,d ms%n",
          budgetMb, before >> 20, peak.get() >> 20, after >> 20, counted, millis);
    } finally {
      client.close().await();
      node.close();
      BenchSupport.dropDatabase(database);
    }
  }

  /** A JSON object of about {@code bytes} bytes that the login route reads and then refuses. */
  private static Buffer body(int bytes) {
    StringBuilder text = new StringBuilder(bytes + 64).append("{\"email\":\"");
    while (text.length() < bytes - 2) {
      text.append('a');
    }
    return Buffer.buffer(text.append("\"}").toString());
  }
}
