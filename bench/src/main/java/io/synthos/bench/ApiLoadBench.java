package io.synthos.bench;

import io.synthos.launcher.Launcher;
import io.synthos.launcher.Role;
import io.synthos.launcher.RunningNode;
import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.SynthosConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The REST API under an open-model load, against a bare ceiling in the same run. One node (API,
 * auth, orchestrator, resources; no ML service) on a fresh database, one user signed in, one ready
 * dataset row and one validation asked for through the API; then, with {@link OpenLoad}:
 *
 * <ul>
 *   <li>{@code read}: authenticated {@code GET /api/v1/validations/{id}} on Synthos and the same
 *       route on {@link CeilingServer} (one pipelined PostgreSQL connection, same row, same
 *       statement, same database), taking turns at each rate of a ladder; each side's maximum is
 *       the highest rate it held (no error, p99 within {@code bench.p99Ms}, answers kept up with
 *       the rate) before two steps in a row did not. Reports the ratio of the two maxima.
 *   <li>{@code sse}: {@link ValidationSseFanout}, many clients on one validation's event stream.
 *   <li>{@code soak}: the read at {@code bench.soakRate} (default: half the maximum the read
 *       measured) for {@code bench.soakSeconds}, in 30 s windows; after each window a full
 *       collection and the heap it leaves, to see whether the heap is flat.
 *   <li>{@code submit}: {@code POST /api/v1/validations/create} up a ladder of rates; each
 *       validation queues a pipeline, so the total is bounded by {@code bench.submitMax}, and it
 *       runs last.
 * </ul>
 *
 * <pre>
 * MAVEN_OPTS=-Xmx1g mvn -Pbench -q compile exec:java -Dexec.mainClass=io.synthos.bench.ApiLoadBench
 * # a smoke run: short steps, a short soak, no wait for a quiet machine
 * mvn -Pbench -q compile exec:java -Dexec.mainClass=io.synthos.bench.ApiLoadBench \
 *     -Dbench.warmupSeconds=1 -Dbench.stepSeconds=2 -Dbench.soakSeconds=60 -Dbench.quietSeconds=0
 * </pre>
 *
 * <p>Every knob is a {@code -Dbench.*} property, listed in bench/README.md.
 */
public final class ApiLoadBench {

  private static final String SCENARIOS =
      System.getProperty("bench.scenarios", "read,sse,soak,submit");
  private static final double START_RATE = BenchSupport.doubleProperty("bench.startRate", 500);
  private static final double FACTOR = BenchSupport.doubleProperty("bench.rateFactor", 1.3);
  private static final double MAX_RATE = BenchSupport.doubleProperty("bench.maxRate", 60_000);
  private static final long P99_MICROS =
      Math.round(BenchSupport.doubleProperty("bench.p99Ms", 10) * 1000);
  private static final int WARMUP_S = BenchSupport.intProperty("bench.warmupSeconds", 5);
  private static final int STEP_S = BenchSupport.intProperty("bench.stepSeconds", 10);
  private static final int CONNECTIONS = BenchSupport.intProperty("bench.connections", 128);
  private static final int PIPELINING = BenchSupport.intProperty("bench.pipelining", 256);
  private static final int REFINE = BenchSupport.intProperty("bench.refineSteps", 2);
  private static final int SOAK_S = BenchSupport.intProperty("bench.soakSeconds", 600);
  private static final int SUBMIT_MAX = BenchSupport.intProperty("bench.submitMax", 5000);
  private static final double SUBMIT_START = BenchSupport.doubleProperty("bench.submitRate", 25);
  private static final int WARMUP_REQUESTS =
      BenchSupport.intProperty("bench.warmupRequests", 30_000);
  private static final long DRAIN_MILLIS = 5_000;

  private ApiLoadBench() {}

  public static void main(String[] args) throws Exception {
    BenchSupport.quietLogs();
    String database = BenchSupport.freshDatabase("bench_api");
    Map<String, String> env = BenchSupport.nodeEnvironment(database);
    // The per-user limit (600 a minute by default) would answer 429 to any load; the largest
    // allowed still counts every request in Redis, as in production.
    env.put("RATE_LIMIT_PER_USER", "1000000");
    env.put("ACCESS_TOKEN_TTL_SECONDS", "7200");
    env.put("WORKERS", System.getProperty("bench.workers", "0"));
    // e.g. auth=2: more instances of a role than the node's default.
    Optional.ofNullable(System.getProperty("bench.instances"))
        .ifPresent(instances -> env.put("SYNTHOS_INSTANCES", instances));
    SynthosConfig config = ConfigLoader.load(Optional.empty(), env);
    RunningNode node =
        Launcher.start(config, EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR, Role.RESOURCES));
    Vertx ceilingVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try (OpenLoad load = new OpenLoad(CONNECTIONS)) {
      int port = node.config().http().port();
      String email = "bench-" + UUID.randomUUID() + "@example.com";
      String token = BenchSupport.signUp(port, email);
      UUID owner =
          UUID.fromString(single(database, "SELECT id FROM users WHERE email = '" + email + "'"));
      UUID dataset = readyDataset(database, owner);
      UUID validation = createValidation(port, token, dataset);
      int ceilingPort = CeilingServer.start(ceilingVertx, database, owner, PIPELINING);
      Api api = new Api(port, ceilingPort, token, validation, dataset);
      printMachine(node);
      System.out.printf(
          "one answer each: Synthos %d bytes, ceiling %d bytes%n",
          probe(port, "/api/v1/validations/" + validation, token).length(),
          probe(ceilingPort, "/api/v1/validations/" + validation, null).length());
      System.out.printf(
          "validation %s (%s); Synthos on :%d (%s HTTP instances), ceiling on :%d%n",
          validation,
          single(database, "SELECT status FROM validations WHERE id = '" + validation + "'"),
          port,
          env.get("WORKERS").equals("0") ? "one per core" : env.get("WORKERS"),
          ceilingPort);
      double quiet = BenchSupport.waitForQuietMachine();
      System.out.printf("CPU %.0f%% busy before the first step%n", quiet * 100);
      double readMax = 0;
      if (SCENARIOS.contains("read")) {
        readMax = read(load, api);
      }
      if (SCENARIOS.contains("sse")) {
        ValidationSseFanout.run(node.vertx(), database, port, token, owner, dataset);
      }
      if (SCENARIOS.contains("soak")) {
        double rate = BenchSupport.doubleProperty("bench.soakRate", readMax / 2);
        if (rate <= 0) {
          rate = START_RATE / 2;
          System.out.printf("%nno read maximum measured: the soak runs at %,.0f/s%n", rate);
        }
        soak(load, api, rate);
      }
      // Last: each submission queues a pipeline the node keeps trying to run.
      if (SCENARIOS.contains("submit")) {
        submit(load, api);
      }
      System.out.printf(
          "%nthe read validation is %s at the end; load average %s%n",
          single(database, "SELECT status FROM validations WHERE id = '" + validation + "'"),
          Files.readString(Path.of("/proc/loadavg")).strip());
    } finally {
      ceilingVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      node.close();
      BenchSupport.dropDatabase(database);
    }
  }

  /** The two servers and what the requests need. */
  private record Api(int port, int ceilingPort, String token, UUID validation, UUID dataset) {

    OpenLoad.Call read() {
      return new OpenLoad.Call(
          get(port, "/api/v1/validations/" + validation)
              .putHeader("Authorization", "Bearer " + token),
          null);
    }

    OpenLoad.Call ceiling() {
      return new OpenLoad.Call(get(ceilingPort, "/api/v1/validations/" + validation), null);
    }

    OpenLoad.Call submit() {
      return new OpenLoad.Call(
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setHost("127.0.0.1")
              .setPort(port)
              .setURI("/api/v1/validations/create")
              .putHeader("Authorization", "Bearer " + token)
              .putHeader("Content-Type", "application/json"),
          new JsonObject().put("dataset_id", dataset.toString()).toBuffer());
    }

    private static RequestOptions get(int port, String uri) {
      return new RequestOptions()
          .setMethod(HttpMethod.GET)
          .setHost("127.0.0.1")
          .setPort(port)
          .setURI(uri);
    }
  }

  /** The read ladder, Synthos and the ceiling taking turns; answers Synthos's maximum. */
  private static double read(OpenLoad load, Api api) throws Exception {
    System.out.printf(
        "%n== read: GET /api/v1/validations/{id}, %d s warm-up + %d s measured per step,"
            + " held = no error, p99 <= %s, achieved >= 97%% of the rate%n",
        WARMUP_S, STEP_S, BenchSupport.ms(P99_MICROS));
    OpenLoad.Call synthosCall = api.read();
    OpenLoad.Call ceilingCall = api.ceiling();
    // JIT and connection warm-up of both, not recorded.
    load.run("warm-up", START_RATE, WARMUP_REQUESTS, 1, DRAIN_MILLIS, i -> synthosCall);
    load.run("warm-up", START_RATE, WARMUP_REQUESTS, 1, DRAIN_MILLIS, i -> ceilingCall);
    Ladder synthos = new Ladder("synthos");
    Ladder ceiling = new Ladder("ceiling");
    for (double rate = START_RATE;
        rate <= MAX_RATE && (synthos.going() || ceiling.going());
        rate *= FACTOR) {
      double r = Math.round(rate);
      if (synthos.going()) {
        synthos.record(step(load, "synthos", r, i -> synthosCall));
      }
      if (ceiling.going()) {
        ceiling.record(step(load, "ceiling", r, i -> ceilingCall));
      }
    }
    for (int r = 0; r < REFINE; r++) {
      synthos.refine(load, synthosCall);
      ceiling.refine(load, ceilingCall);
    }
    System.out.println();
    synthos.report();
    ceiling.report();
    if (synthos.best != null && ceiling.best != null) {
      double ratio = synthos.best.rate() / ceiling.best.rate();
      System.out.printf(
          "ratio Synthos / ceiling at p99 <= %s: %.2f (target >= 0.5: %s)%s%n",
          BenchSupport.ms(P99_MICROS),
          ratio,
          ratio >= 0.5 ? "met" : "NOT met",
          ceiling.going() ? " — the ceiling held to the ladder's top: it is higher" : "");
    }
    return synthos.best == null ? 0 : synthos.best.rate();
  }

  /**
   * One target's way up the ladder: out after two steps in a row not held; then bisected (on a
   * geometric scale) between the highest rate held and the first one above it that was not.
   */
  private static final class Ladder {
    private final String name;
    private OpenLoad.Result best;
    private double failed = Double.NaN;
    private int missed;

    Ladder(String name) {
      this.name = name;
    }

    boolean going() {
      return missed < 2;
    }

    void record(OpenLoad.Result result) {
      if (result.sustained(P99_MICROS)) {
        best = result;
        missed = 0;
        failed = Double.NaN;
      } else {
        if (missed++ == 0) {
          failed = result.rate();
        }
      }
    }

    void refine(OpenLoad load, OpenLoad.Call call) throws Exception {
      if (best == null || Double.isNaN(failed)) {
        return;
      }
      double mid = Math.round(Math.sqrt(best.rate() * failed));
      if (mid <= best.rate() || mid >= failed) {
        return;
      }
      OpenLoad.Result result = step(load, name, mid, i -> call);
      if (result.sustained(P99_MICROS)) {
        best = result;
      } else {
        failed = mid;
      }
    }

    void report() {
      System.out.println(
          best == null ? name + ": held no rate of the ladder" : "max held: " + best.line());
    }
  }

  private static OpenLoad.Result step(
      OpenLoad load, String target, double rate, java.util.function.LongFunction<OpenLoad.Call> c)
      throws Exception {
    OpenLoad.Result result =
        load.run(target, rate, WARMUP_S * 1000L, STEP_S * 1000L, DRAIN_MILLIS, c);
    System.out.println(result.line());
    return result;
  }

  /** Submissions up a ladder until one is not held or the next would pass the bound. */
  private static void submit(OpenLoad load, Api api) throws Exception {
    System.out.printf(
        "%n== submit: POST /api/v1/validations/create (quality-only, no ML service runs),"
            + " %d s warm-up + %d s per step, at most %,d submissions%n",
        WARMUP_S, STEP_S, SUBMIT_MAX);
    long submitted = 0;
    OpenLoad.Result best = null;
    for (double rate = SUBMIT_START;
        submitted + Math.round(rate * (WARMUP_S + STEP_S)) <= SUBMIT_MAX;
        rate *= 2) {
      OpenLoad.Result result = step(load, "submit", Math.round(rate), i -> api.submit());
      submitted += Math.round(rate * (WARMUP_S + STEP_S));
      if (!result.sustained(P99_MICROS)) {
        break;
      }
      best = result;
    }
    System.out.println(
        best == null ? "submit: held no rate" : "max held (within the bound): " + best.line());
  }

  /** The read at {@code rate} in 30 s windows, the heap after a full collection between them. */
  private static void soak(OpenLoad load, Api api, double rate) throws Exception {
    int windows = Math.max(1, SOAK_S / 30);
    String until = System.getProperty("bench.soakUntil");
    if (until != null) {
      java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
      java.time.ZonedDateTime end = now.with(java.time.LocalTime.parse(until));
      int fit = (int) (java.time.Duration.between(now, end).toSeconds() / 35);
      if (fit < windows) {
        windows = Math.max(1, fit);
        System.out.printf(
            "%nthe soak is shortened to %d windows of 30 s to end by %s UTC%n", windows, until);
      }
    }
    System.out.printf(
        "%n== soak: the read at %,.0f/s for %d x 30 s; heap after a full GC between windows"
            + " (its pause is in the figures)%n",
        rate, windows);
    OpenLoad.Call call = api.read();
    // Run alone, the soak would otherwise measure the JIT's warm-up in its first window.
    load.run("warm-up", Math.round(rate), 10_000, 1, DRAIN_MILLIS, i -> call);
    Histogram all = BenchSupport.micros();
    long errors = 0;
    List<Long> heap = new ArrayList<>();
    heap.add(heapAfterGc());
    System.out.printf("heap after GC at start: %,d MiB%n", heap.get(0) >> 20);
    for (int w = 0; w < windows; w++) {
      OpenLoad.Result result =
          load.run("soak", Math.round(rate), 0, 30_000, DRAIN_MILLIS, i -> call);
      all.add(result.micros());
      errors += result.errorCount();
      heap.add(heapAfterGc());
      System.out.printf(
          "%s  heap after GC %,d MiB%n", result.line(), heap.get(heap.size() - 1) >> 20);
    }
    long first = heap.get(1);
    long last = heap.get(heap.size() - 1);
    long max = heap.stream().mapToLong(Long::longValue).max().orElse(0);
    System.out.printf(
        "soak: %,d requests, %,d errors, p50 %s p99 %s p99.9 %s max %s; heap after GC %,d MiB"
            + " after the first window, %,d MiB at the end, %,d MiB at most (%s)%n",
        all.getTotalCount(),
        errors,
        BenchSupport.ms(all.getValueAtPercentile(50)),
        BenchSupport.ms(all.getValueAtPercentile(99)),
        BenchSupport.ms(all.getValueAtPercentile(99.9)),
        BenchSupport.ms(all.getMaxValue()),
        first >> 20,
        last >> 20,
        max >> 20,
        last <= first + (8 << 20)
            ? "flat within 8 MiB"
            : "GREW by " + ((last - first) >> 20) + " MiB");
  }

  /** Heap in use after an explicit full collection: the live set, not a predecessor's garbage. */
  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void printMachine(RunningNode node) throws Exception {
    String model =
        Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(line -> line.startsWith("model name"))
            .findFirst()
            .map(line -> line.substring(line.indexOf(':') + 1).strip())
            .orElse("?");
    String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
    System.out.printf(
        "%s UTC; %d cores, %s; %s; JDK %s; max heap %,d MiB; load average %s%n",
        Instant.now(),
        Runtime.getRuntime().availableProcessors(),
        model,
        memory,
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        Files.readString(Path.of("/proc/loadavg")).strip());
  }

  /** Registers a user and logs in; answers the access token. */
  /**
   * A ready dataset row as an ingest leaves it, written directly: the reads only need a validation
   * to exist, and no data service runs here.
   */
  private static UUID readyDataset(String database, UUID owner) {
    UUID id = UUID.randomUUID();
    BenchSupport.execute(
        database,
        "INSERT INTO datasets (id, owner_id, name, format, status, size_bytes, sha256, rows,"
            + " columns, schema, profile, created_at, updated_at, ready_at) VALUES ('"
            + id
            + "', '"
            + owner
            + "', 'bench.csv', 'csv', 'ready', 1000, '"
            + "0".repeat(64)
            + "', 10, 1, '[{\"name\":\"a\",\"type\":\"integer\"}]', '{}', now(), now(), now())");
    return id;
  }

  private static UUID createValidation(int port, String token, UUID dataset) throws Exception {
    HttpResponse<String> created =
        BenchSupport.post(
            port,
            "/api/v1/validations/create",
            token,
            new JsonObject().put("dataset_id", dataset.toString()));
    if (created.statusCode() != 202) {
      throw new IllegalStateException("the validation was refused: " + created.body());
    }
    return UUID.fromString(new JsonObject(created.body()).getString("validation_id"));
  }

  /** One GET that must answer 200; answers the body. */
  private static String probe(int port, String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> answer =
        java.net.http.HttpClient.newHttpClient()
            .send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + answer.statusCode() + answer.body());
    }
    return answer.body();
  }

  private static String single(String database, String sql) {
    String[] value = {null};
    BenchSupport.query(database, sql, row -> value[0] = row.get(0));
    if (value[0] == null) {
      throw new IllegalStateException("no row for " + sql);
    }
    return value[0];
  }
}
