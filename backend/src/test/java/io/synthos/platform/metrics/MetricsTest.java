package io.synthos.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.launcher.Role;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestDatasets;
import io.synthos.testing.TestValidations;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /metrics} after real traffic on a node with every role: the seed's eleven metrics with
 * their labels and plausible values, the rest, and every metric that {@code monitoring/} queries.
 */
@Tag("integration")
@Tag("slow")
@DisplayName("Prometheus metrics")
class MetricsTest {

  @RegisterExtension
  static final NodeExtension node =
      new NodeExtension(
          Map.of(
              "POOL_DATA_CAPACITY", "4000:8192:0",
              "POOL_VALIDATION_CAPACITY", "4000:8192:0",
              "POOL_COLLAPSE_CAPACITY", "4000:8192:0"),
          EnumSet.allOf(Role.class));

  private static final HttpClient PROMETHEUS =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static String token;
  private static String validation;
  private static Scrape api;
  private static Scrape admin;

  @BeforeAll
  static void traffic() {
    token = node.newAccessToken();
    String real = TestDatasets.ready(node, token, "real.csv", TestDatasets.people(200, 1));
    String synthetic =
        TestDatasets.ready(node, token, "synthetic.csv", TestDatasets.people(200, 2));
    validation =
        TestValidations.completed(
            node,
            token,
            new JsonObject()
                .put("dataset_id", synthetic)
                .put("reference_dataset_id", real)
                .put("options", new JsonObject().put("priority", "express")));
    assertThat(HttpProbe.get(node.url("/api/v1/no-such-thing")).status()).isEqualTo(404);
    assertThat(HttpProbe.get(node.url("/api/v1/validations/" + validation)).status())
        .isEqualTo(401);
    api = scrape(node.url("/metrics"));
    admin = scrape(adminUrl("/metrics"));
  }

  @Test
  @DisplayName("counts HTTP requests by method, route template and status, never by raw path")
  void httpRequests() {
    assertThat(
            api.sum(
                Metrics.HTTP_REQUESTS,
                Map.of("method", "GET", "path", "/api/v1/validations/{id}", "status", "200")))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            api.sum(
                Metrics.HTTP_REQUESTS,
                Map.of("method", "GET", "path", "/api/v1/validations/{id}", "status", "401")))
        .isEqualTo(1);
    assertThat(
            api.sum(
                Metrics.HTTP_REQUESTS,
                Map.of("path", HttpMetricsHandler.UNMATCHED, "status", "404")))
        .isGreaterThanOrEqualTo(1);
    assertThat(api.named(Metrics.HTTP_REQUESTS))
        .allSatisfy(sample -> assertThat(sample.labels().get("path")).doesNotContain(validation));
    assertThat(
            api.sum(
                Metrics.HTTP_DURATION + "_count",
                Map.of("method", "POST", "path", "/api/v1/validations/create")))
        .isEqualTo(1);
    assertThat(api.named(Metrics.HTTP_DURATION + "_bucket")).isNotEmpty();
    // The scrape itself is in flight while it is written.
    assertThat(api.sum(Metrics.HTTP_IN_FLIGHT, Map.of())).isGreaterThanOrEqualTo(1);
  }

  @Test
  @DisplayName("counts the validation once it completes, with its duration and one report read")
  void validations() {
    assertThat(api.sum(Metrics.VALIDATIONS, Map.of("status", "completed"))).isEqualTo(1);
    assertThat(api.sum(Metrics.VALIDATION_DURATION + "_count", Map.of("status", "completed")))
        .isEqualTo(1);
    assertThat(api.sum(Metrics.VALIDATION_DURATION + "_sum", Map.of())).isGreaterThan(0);
    // Read once by the node, though its two API instances both serve the validation.
    assertThat(api.sum(Metrics.VALIDATION_REPORT_FETCHES, Map.of())).isEqualTo(1);
  }

  @Test
  @DisplayName("counts datasets by status, orchestrator calls by operation and outcome")
  void datasetsAndOrchestrator() {
    assertThat(api.sum(Metrics.DATASETS, Map.of("status", "processing"))).isEqualTo(2);
    assertThat(api.sum(Metrics.DATASETS, Map.of("status", "ready"))).isEqualTo(2);
    assertThat(
            api.sum(
                Metrics.ORCHESTRATOR_REQUESTS,
                Map.of("operation", "orchestrator.pipelines.create", "outcome", "success")))
        .isEqualTo(1);
    assertThat(api.sum(Metrics.ORCHESTRATOR_DURATION + "_count", Map.of())).isGreaterThan(0);
  }

  @Test
  @DisplayName("counts database queries by SQL operation, and errors by type and component")
  void databaseAndErrors() {
    for (String operation : new String[] {"select", "insert", "update"}) {
      assertThat(api.sum(Metrics.DB_QUERIES, Map.of("operation", operation)))
          .as(operation)
          .isGreaterThan(0);
    }
    assertThat(api.sum(Metrics.DB_DURATION + "_count", Map.of("operation", "select")))
        .isGreaterThan(0);
    assertThat(api.sum(Metrics.ERRORS, Map.of("type", "http-404", "component", "api")))
        .isGreaterThanOrEqualTo(1);
    assertThat(api.sum(Metrics.ERRORS, Map.of("type", "invalid-token", "component", "api")))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("reports jobs, queue, pools, gRPC calls, breakers, SSE clients, Vert.x and the JVM")
  void theRest() {
    assertThat(api.sum(Metrics.JOBS_CLAIMED, Map.of())).isGreaterThanOrEqualTo(3);
    assertThat(api.sum(Metrics.JOBS_COMPLETED, Map.of("state", "succeeded")))
        .isGreaterThanOrEqualTo(3);
    assertThat(api.named(Metrics.JOBS)).hasSize(6);
    assertThat(api.named(Metrics.JOB_QUEUE_OLDEST_AGE)).hasSize(4);
    // The tracker samples the pools once a second, and its first sample can precede the capacity.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        scrape(node.url("/metrics"))
                            .sum(
                                Metrics.RESOURCE_CAPACITY,
                                Map.of("pool", "validation", "resource", "cpu_millis")))
                    .isEqualTo(4000));
    assertThat(api.sum(Metrics.GRPC_CLIENT_REQUESTS, Map.of("service", "data", "status", "OK")))
        .isGreaterThan(0);
    assertThat(api.named(Metrics.CIRCUIT_BREAKER_STATE))
        .filteredOn(sample -> "validation".equals(sample.labels().get("service")))
        .extracting(Scrape.Sample::value)
        .as("the validation service's breaker, reported and closed")
        .containsExactly(0.0);
    assertThat(api.named(Metrics.SSE_CLIENTS)).isNotEmpty();
    assertThat(api.has("vertx_eventbus_processed_total")).isTrue();
    assertThat(api.has("jvm_memory_used_bytes")).isTrue();
    assertThat(api.has("process_cpu_usage")).isTrue();
  }

  @Test
  @DisplayName(
      "counts bearer token checks by where they were made: in memory once the copy is ready")
  void tokenChecks() {
    String read = node.url("/api/v1/validations/" + validation);
    // The node's copy of the token denylist is ready moments after start; then a check is made in
    // memory, without Redis.
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              double before = memoryChecks();
              assertThat(HttpProbe.get(read, "Authorization", "Bearer " + token).status())
                  .isEqualTo(200);
              assertThat(memoryChecks()).isEqualTo(before + 1);
            });
    assertThat(api.named(Metrics.AUTH_TOKEN_CHECKS))
        .extracting(sample -> sample.labels().get("checked"))
        .containsOnly("memory", "redis");
  }

  private static double memoryChecks() {
    return scrape(node.url("/metrics")).sum(Metrics.AUTH_TOKEN_CHECKS, Map.of("checked", "memory"));
  }

  @Test
  @DisplayName("serves the same registry on the admin port")
  void adminPort() {
    assertThat(admin.sum(Metrics.VALIDATIONS, Map.of("status", "completed"))).isEqualTo(1);
  }

  @Test
  @DisplayName("exports every metric that monitoring/ dashboards and alert rules query")
  void monitoringQueriesExportedNames() throws IOException {
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(MonitoringQueries.ROOT)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        used.addAll(MonitoringQueries.metricNames(file));
      }
    }
    assertThat(used).contains(Metrics.HTTP_REQUESTS, Metrics.JOB_QUEUE_OLDEST_AGE);
    Set<String> missing = new TreeSet<>();
    for (String name : used) {
      if (!api.has(name) && !MonitoringQueries.fromElsewhere(name)) {
        missing.add(name);
      }
    }
    assertThat(missing).as("queried in monitoring/ but not exported").isEmpty();
  }

  /** Scrapes as Prometheus does: HTTP/1.1, no upgrade to h2c. */
  static Scrape scrape(String url) {
    try {
      HttpResponse<String> response =
          PROMETHEUS.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      return Scrape.parse(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String adminUrl(String path) {
    return "http://127.0.0.1:" + node.config().admin().port() + path;
  }
}
