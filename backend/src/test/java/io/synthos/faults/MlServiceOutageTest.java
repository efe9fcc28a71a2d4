package io.synthos.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.platform.FreePort;
import io.synthos.platform.metrics.Metrics;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeProcess;
import io.synthos.testing.TestDatasets;
import io.synthos.testing.TestInfra;
import io.synthos.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The data service runs alone in its own JVM (node B) and is SIGKILLed under a node serving the
 * API, the scheduler and the resource tracker (node A), then started again on the same port and
 * data directory. Everything is seen through node A's API, readiness and metrics.
 */
@Tag("slow")
@DisplayName("The data service killed and restarted")
class MlServiceOutageTest {

  private static final String INGEST = "data.ingest";

  private final List<NodeProcess> started = new ArrayList<>();
  private Path dir;
  private Map<String, String> envA;
  private Map<String, String> envB;
  private String api;
  private String token;

  @AfterEach
  void killNodes() throws Exception {
    for (NodeProcess node : started) {
      if (node.alive()) {
        node.kill();
      }
    }
  }

  @Test
  @DisplayName(
      "opens its breaker, keeps re-ingests waiting without using attempts, and finishes each once"
          + " when it is back")
  void outage() throws Exception {
    long began = System.nanoTime();
    startNodes();
    token = TestNode.newAccessToken(api);
    List<String> datasets =
        List.of(
            ready("first.csv", TestDatasets.people(300, 1)),
            ready("second.csv", TestDatasets.people(300, 2)),
            ready("third.csv", TestDatasets.people(300, 3)));
    assertThat(breakerState()).as("breaker before the outage").isEqualTo(0);
    assertThat(readiness("data")).isEqualTo("UP");

    NodeProcess dataService = started.get(1);
    dataService.kill();
    assertThat(dataService.alive()).isFalse();

    // New bytes have nowhere to go: refused as retryable, leaving no dataset behind.
    Response upload = upload("during.csv", TestDatasets.people(50, 4));
    assertThat(upload.status()).as(upload.body()).isEqualTo(503);
    assertThat(upload.json().getString("type")).isEqualTo("/problems/data-service-unavailable");
    assertThat(datasetNames()).containsExactlyInAnyOrder("first.csv", "second.csv", "third.csv");

    // Re-ingesting stored datasets needs no bytes from the caller: accepted, then it waits.
    Map<String, String> jobs = new HashMap<>();
    for (String id : datasets.subList(1, 3)) {
      Response accepted =
          HttpProbe.send(
              "PATCH",
              api + "/api/v1/datasets/" + id + "/schema",
              new JsonObject()
                  .put("column_types", new JsonObject().put("age", "float"))
                  .encode()
                  .getBytes(StandardCharsets.UTF_8),
              "Authorization",
              "Bearer " + token,
              "Content-Type",
              "application/json");
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
      assertThat(accepted.json().getString("status")).isEqualTo("processing");
      jobs.put(id, accepted.json().getString("ingest_job_id"));
    }
    for (String id : jobs.keySet()) {
      JsonObject waiting =
          await("ingest " + jobs.get(id) + " waits for the data service")
              .atMost(Duration.ofSeconds(30))
              .pollInterval(Duration.ofMillis(100))
              .until(
                  () -> job(jobs.get(id)),
                  job ->
                      "queued".equals(job.getString("state"))
                          && String.valueOf(job.getString("waiting_reason"))
                              .startsWith("service-unavailable"));
      assertThat(waiting.getInteger("attempts")).as("waiting used no attempt").isZero();
      assertThat(dataset(id).getString("status")).isEqualTo("processing");
    }
    // The gauge reads 2 while open; it half-opens every 5 s to try again.
    await("the data breaker opens")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> breakerState() == 2);
    await("readiness says the data service is down")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> "DOWN".equals(readiness("data")));
    long restarted = System.nanoTime();
    startDataService();
    // No user action from here: the waiting jobs run on their own. Only the jobs are read
    // until they end, since reading a processing dataset also follows up its job.
    await("the waiting ingests succeed")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                jobs.values().stream()
                    .allMatch(
                        id -> {
                          String state = job(id).getString("state");
                          assertThat(state).as("job " + id).isIn("queued", "running", "succeeded");
                          return "succeeded".equals(state);
                        }));
    // Then each dataset reads ready, with the types asked for.
    await("the re-ingested datasets are ready")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                jobs.keySet().stream()
                    .allMatch(
                        id -> {
                          String status = dataset(id).getString("status");
                          assertThat(status).as("dataset " + id).isIn("processing", "ready");
                          return "ready".equals(status);
                        }));
    long recoveredMs = (System.nanoTime() - restarted) / 1_000_000;

    for (String id : jobs.keySet()) {
      JsonObject dataset = dataset(id);
      assertThat(dataset.getString("ingest_job_id")).isEqualTo(jobs.get(id));
      JsonObject age = column(dataset, "age");
      assertThat(age.getString("type")).isEqualTo("float");
      assertThat(age.getBoolean("overridden")).isTrue();
      JsonObject job = job(jobs.get(id));
      assertThat(job.getString("state")).isEqualTo("succeeded");
      assertThat(job.getInteger("attempts")).as("the waits used no attempt").isEqualTo(1);
      assertThat(job.getString("waiting_reason")).isNull();
    }
    // Each dataset was ingested once per request: three uploads, two re-ingests, all succeeded.
    JsonArray ingests = ingestJobs();
    assertThat(ingests).hasSize(5);
    assertThat(ingests.stream().map(j -> ((JsonObject) j).getString("state")))
        .containsOnly("succeeded");
    Map<String, Long> perDataset =
        ingests.stream()
            .map(j -> ((JsonObject) j).getJsonObject("payload").getString("dataset_id"))
            .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    assertThat(perDataset)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(datasets.get(0), 1L, datasets.get(1), 2L, datasets.get(2), 2L));
    assertThat(dataset(datasets.get(0)).getString("status")).isEqualTo("ready");

    await("the data breaker closes")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> breakerState() == 0 && "UP".equals(readiness("data")));
    // And new uploads go through again.
    ready("after.csv", TestDatasets.people(50, 5));

    System.out.printf(
        "ml outage: re-ingests ready %d ms after the data service restarted; test took %d s%n",
        recoveredMs, (System.nanoTime() - began) / 1_000_000_000);
  }

  /** Node A: API, auth, scheduler and resources; node B: only the data service. */
  private void startNodes() throws Exception {
    dir = Files.createTempDirectory("synthos-ml-outage");
    Map<String, String> common = new HashMap<>();
    common.put("DATABASE_URL", TestInfra.get().freshDatabase().value());
    common.put("REDIS_URL", TestInfra.get().redisUrl());
    common.put("JWT_SECRET", TestNode.JWT_SECRET);
    // Two processes, two data directories: they share the ML services' secret only if given one.
    common.put("SYNTHOS_SERVICE_SECRET", TestNode.SERVICE_SECRET);
    common.put("RATE_LIMIT_LOGIN_PER_IP", "10000");
    common.put("RATE_LIMIT_REGISTER_PER_IP", "10000");
    common.put("RATE_LIMIT_PER_USER", "10000");
    common.put("SYNTHOS_BIND_HOST", "127.0.0.1");
    // Free ports for all three services, so nothing else on the machine answers for them.
    common.put("DATA_SERVICE_ADDR", "127.0.0.1:" + FreePort.find());
    common.put("VALIDATION_SERVICE_ADDR", "127.0.0.1:" + FreePort.find());
    common.put("COLLAPSE_SERVICE_ADDR", "127.0.0.1:" + FreePort.find());
    common.put("WORKERS", "1");
    common.put("ML_WORKER_THREADS", "1");
    common.put("POOL_DATA_CAPACITY", "4000:8192:0");
    common.put("POOL_VALIDATION_CAPACITY", "4000:8192:0");
    common.put("POOL_COLLAPSE_CAPACITY", "4000:8192:0");
    envA = node(common, "a");
    envB = node(common, "b");
    NodeProcess a = NodeProcess.start("a", dir, envA, "--roles", "api,auth,orchestrator,resources");
    started.add(a);
    startDataService();
    a.awaitStarted();
    api = "http://127.0.0.1:" + envA.get("PORT");
  }

  private Map<String, String> node(Map<String, String> common, String name) throws Exception {
    Map<String, String> env = new HashMap<>(common);
    env.put("SYNTHOS_DATA_DIR", Files.createDirectories(dir.resolve(name)).toString());
    env.put("PORT", String.valueOf(FreePort.find()));
    env.put("ADMIN_PORT", String.valueOf(FreePort.find()));
    env.put("GRPC_PORT", String.valueOf(FreePort.find()));
    return env;
  }

  /** Node B, on the same port and data directory each time; the one at index 1 is the last. */
  private void startDataService() throws Exception {
    NodeProcess b = NodeProcess.start("b", dir, envB, "--roles", "data");
    if (started.size() > 1) {
      started.set(1, b);
    } else {
      started.add(b);
    }
    b.awaitStarted();
  }

  private String ready(String name, String csv) {
    return TestDatasets.ready(path -> api + path, token, name, csv);
  }

  private Response upload(String name, String csv) {
    return HttpProbe.send(
        "POST",
        api + "/api/v1/datasets?name=" + name,
        csv.getBytes(StandardCharsets.UTF_8),
        "Authorization",
        "Bearer " + token,
        "Content-Type",
        "text/csv");
  }

  private JsonObject dataset(String id) {
    Response response = HttpProbe.get(api + "/api/v1/datasets/" + id, auth());
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private List<String> datasetNames() {
    Response response = HttpProbe.get(api + "/api/v1/datasets?limit=100", auth());
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().getJsonArray("items").stream()
        .map(item -> ((JsonObject) item).getString("name"))
        .toList();
  }

  private JsonObject job(String id) {
    Response response = HttpProbe.get(api + "/api/v1/jobs/" + id, auth());
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private JsonArray ingestJobs() {
    Response response = HttpProbe.get(api + "/api/v1/jobs?type=" + INGEST + "&limit=100", auth());
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().getString("next_cursor")).isNull();
    return response.json().getJsonArray("items");
  }

  private String[] auth() {
    return new String[] {"Authorization", "Bearer " + token};
  }

  private static JsonObject column(JsonObject dataset, String name) {
    return dataset.getJsonArray("schema").stream()
        .map(JsonObject.class::cast)
        .filter(column -> name.equals(column.getString("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no column " + name + " in " + dataset));
  }

  /** The status of one readiness check on node A. */
  private String readiness(String check) {
    return HttpProbe.get(api + "/health/ready").checks().get(check);
  }

  /** The data service's breaker as node A's metrics say: 0 closed, 1 half open, 2 open. */
  private int breakerState() {
    Response scrape = HttpProbe.get(api + "/metrics");
    assertThat(scrape.status()).isEqualTo(200);
    return scrape
        .body()
        .lines()
        .filter(line -> line.startsWith(Metrics.CIRCUIT_BREAKER_STATE + "{"))
        .filter(line -> line.contains("service=\"data\""))
        .map(line -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no data breaker in\n" + scrape.body()));
  }
}
