package io.synthos.bench;

import io.synthos.launcher.Launcher;
import io.synthos.launcher.Role;
import io.synthos.launcher.RunningNode;
import io.synthos.orchestrator.OrchestratorAddresses;
import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.SynthosConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The dashboard's event stream under load: one node (API, auth, orchestrator, resources, dashboard)
 * on a fresh database, an admin signed in, {@code bench.clients} concurrent SSE clients on {@code
 * /events} (one Vert.x HTTP client in another Vert.x instance of the same JVM), and {@code
 * bench.events} job events published on the node's event bus, one every {@code bench.periodMs}. Lag
 * is the time from the publish to each client's receipt (same JVM, so one clock); every client must
 * receive every event.
 *
 * <pre>
 * mvn -Pbench -q compile exec:java -Dexec.mainClass=io.synthos.bench.DashboardSseBench \
 *     -Dbench.clients=1000 -Dbench.events=300 -Dbench.periodMs=100
 * </pre>
 */
public final class DashboardSseBench {

  private static final int CLIENTS = BenchSupport.intProperty("bench.clients", 1000);
  private static final int EVENTS = BenchSupport.intProperty("bench.events", 300);
  private static final int PERIOD_MS = BenchSupport.intProperty("bench.periodMs", 100);
  private static final String ADMIN = "bench-admin@example.com";
  private static final String PASSWORD = "bench-Admin-pass-2026";
  private static final Pattern CSRF =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\"");

  private DashboardSseBench() {}

  public static void main(String[] args) throws Exception {
    BenchSupport.quietLogs();
    String database = BenchSupport.freshDatabase("bench_dashboard");
    Map<String, String> env = BenchSupport.nodeEnvironment(database);
    env.put("ADMIN_USER", ADMIN);
    env.put("ADMIN_PASSWORD", PASSWORD);
    env.put("WORKERS", "1");
    SynthosConfig config = ConfigLoader.load(Optional.empty(), env);
    RunningNode node =
        Launcher.start(
            config,
            EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR, Role.RESOURCES, Role.DASHBOARD));
    Vertx clients = Vertx.vertx();
    try {
      String base = "http://127.0.0.1:" + config.admin().port();
      waitForAdmin(database);
      String cookie = signIn(base);
      run(node.vertx(), clients, config.admin().port(), cookie);
    } finally {
      clients.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      node.close();
      BenchSupport.dropDatabase(database);
    }
  }

  private static void run(Vertx server, Vertx clients, int port, String cookie) throws Exception {
    HttpClient http =
        clients.createHttpClient(
            new HttpClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(CLIENTS + 10));
    Histogram lag = new ConcurrentHistogram(3);
    AtomicLong received = new AtomicLong();
    CountDownLatch connected = new CountDownLatch(CLIENTS);
    CountDownLatch done = new CountDownLatch(CLIENTS);
    for (int c = 0; c < CLIENTS; c++) {
      AtomicLong mine = new AtomicLong();
      http.request(
              new RequestOptions()
                  .setMethod(HttpMethod.GET)
                  .setHost("127.0.0.1")
                  .setPort(port)
                  .setURI("/events")
                  .putHeader("Cookie", cookie)
                  .putHeader("Accept", "text/event-stream"))
          .compose(request -> request.send())
          .onSuccess(
              response -> {
                connected.countDown();
                RecordParser lines = RecordParser.newDelimited("\n", response);
                lines.handler(
                    line -> {
                      String text = line.toString(StandardCharsets.UTF_8);
                      if (text.startsWith("data: ") && text.contains("bench_sent_nanos")) {
                        long sent = new JsonObject(text.substring(6)).getLong("bench_sent_nanos");
                        lag.recordValue((System.nanoTime() - sent) / 1_000);
                        received.incrementAndGet();
                        if (mine.incrementAndGet() == EVENTS) {
                          done.countDown();
                        }
                      }
                    });
              })
          .onFailure(failure -> System.out.println("a client failed: " + failure.getMessage()));
    }
    if (!connected.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException(connected.getCount() + " clients did not connect");
    }
    System.out.printf(
        "%,d SSE clients connected; publishing %d events, one every %d ms%n",
        CLIENTS, EVENTS, PERIOD_MS);
    long start = System.nanoTime();
    for (int e = 0; e < EVENTS; e++) {
      long due = start + e * PERIOD_MS * 1_000_000L;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait); // the publisher's pace, not a test wait
      }
      server
          .eventBus()
          .publish(
              OrchestratorAddresses.JOB_EVENTS,
              new JsonObject()
                  .put("kind", "progress")
                  .put("job_id", "bench")
                  .put("fraction", (double) e / EVENTS)
                  .put("bench_sent_nanos", System.nanoTime()));
    }
    boolean all = done.await(60, TimeUnit.SECONDS);
    System.out.printf(
        "delivered %,d of %,d events (%s); lag p50 %s, p99 %s, p99.9 %s, max %s%n",
        received.get(),
        (long) CLIENTS * EVENTS,
        all ? "every client got every event" : done.getCount() + " clients missed some",
        BenchSupport.ms(lag.getValueAtPercentile(50)),
        BenchSupport.ms(lag.getValueAtPercentile(99)),
        BenchSupport.ms(lag.getValueAtPercentile(99.9)),
        BenchSupport.ms(lag.getMaxValue()));
  }

  /** Signs the admin in through the login form and answers the Cookie header a browser sends. */
  private static String signIn(String base) throws Exception {
    java.net.http.HttpClient client =
        java.net.http.HttpClient.newBuilder()
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .build();
    Map<String, String> cookies = new LinkedHashMap<>();
    HttpResponse<String> form =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    keep(form, cookies);
    Matcher csrf = CSRF.matcher(form.body());
    if (!csrf.find()) {
      throw new IllegalStateException("no CSRF field in the login form");
    }
    String body =
        "email="
            + URLEncoder.encode(ADMIN, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
            + "&"
            + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
            + "="
            + URLEncoder.encode(csrf.group(2), StandardCharsets.UTF_8);
    HttpResponse<String> signed =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", header(cookies))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    keep(signed, cookies);
    if (signed.statusCode() / 100 != 3) {
      throw new IllegalStateException("the admin could not sign in: " + signed.statusCode());
    }
    return header(cookies);
  }

  /**
   * The admin is bootstrapped in the background once the schema is migrated; a login to find out
   * would count failures against the account, so read the table.
   */
  private static void waitForAdmin(String database) throws InterruptedException {
    for (int attempt = 0; attempt < 240; attempt++) {
      boolean[] found = {false};
      try {
        BenchSupport.query(
            database,
            "SELECT 1 FROM users WHERE email = '" + ADMIN + "' AND role = 'admin'",
            row -> found[0] = true);
      } catch (RuntimeException notMigratedYet) {
        // The users table appears with the migrations.
      }
      if (found[0]) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    throw new IllegalStateException("the admin was not bootstrapped");
  }

  private static void keep(HttpResponse<?> response, Map<String, String> cookies) {
    List<String> set = response.headers().allValues("Set-Cookie");
    for (String header : set) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
  }

  private static String header(Map<String, String> cookies) {
    StringBuilder header = new StringBuilder();
    cookies.forEach(
        (name, value) ->
            header.append(header.length() == 0 ? "" : "; ").append(name).append('=').append(value));
    return header.toString();
  }
}
