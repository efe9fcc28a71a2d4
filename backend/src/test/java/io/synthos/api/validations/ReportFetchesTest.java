package io.synthos.api.validations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.synthos.api.HttpApiVerticle;
import io.synthos.launcher.Role;
import io.synthos.orchestrator.OrchestratorAddresses;
import io.synthos.orchestrator.execution.JobEvents;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.metrics.Metrics;
import io.synthos.testing.EventBusFake;
import io.synthos.testing.NodeExtension;
import io.vertx.core.Future;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How often a finished validation's report is read from the orchestrator: once per node, however
 * many API instances the node runs. A node with four API instances and a fake orchestrator that
 * answers each finished pipeline with its report and counts the asks.
 */
@Tag("integration")
@DisplayName("A finished validation's report")
class ReportFetchesTest {

  private static final int API_INSTANCES = 4;
  private static final int VALIDATIONS = 100;

  @RegisterExtension
  static final NodeExtension node =
      new NodeExtension(Map.of("SYNTHOS_INSTANCES", "api=" + API_INSTANCES), EnumSet.of(Role.API));

  private final Map<String, Double> scores = new HashMap<>();
  private EventBusFake orchestrator;
  private String deployment;
  private Pool pool;

  @BeforeEach
  void deployFakeOrchestrator() {
    // Each pipeline's report carries a score of its own, so the test sees which report landed
    // where.
    IntStream.range(0, VALIDATIONS)
        .forEach(i -> scores.put(UUID.randomUUID().toString(), 50.0 + i * 0.25));
    orchestrator =
        new EventBusFake()
            .on(
                OrchestratorAddresses.PIPELINES_GET,
                request -> finishedPipeline(request.getString("id")));
    deployment = node.vertx().deployVerticle(orchestrator).await();
    pool = PgSettings.fromUrl(node.config().database().url()).pool(node.vertx(), 4);
  }

  @AfterEach
  void undeploy() {
    node.vertx().undeploy(deployment).await();
    pool.close().await();
  }

  @Test
  @DisplayName("is read once per node, not once per API instance, and lands in every validation")
  void readOncePerNode() {
    assertThat(instancesOf(HttpApiVerticle.class)).isEqualTo(API_INSTANCES);
    assertThat(instancesOf(ValidationTrackingVerticle.class)).isEqualTo(1);
    ValidationStore store = new ValidationStore(pool);
    UUID owner = UUID.randomUUID();
    List<Future<?>> inserted = new ArrayList<>();
    for (String id : scores.keySet()) {
      ValidationRequest request =
          ValidationRequest.of(new JsonObject().put("dataset_id", UUID.randomUUID().toString()));
      inserted.add(store.insert(UUID.fromString(id), owner, request, null, Instant.now()));
    }
    Future.all(inserted).await();
    double fetchesBefore = reportFetches();

    // Announced as the orchestrator announces every pipeline that ends.
    new JobEvents(node.vertx().eventBus(), Clock.systemUTC())
        .pipelines(
            scores.keySet().stream()
                .map(
                    id ->
                        new JsonObject()
                            .put("pipeline_id", id)
                            .put("owner_id", owner.toString())
                            .put("state", "succeeded")
                            .putNull("reason"))
                .toList());

    await().atMost(Duration.ofSeconds(20)).until(() -> completed() == VALIDATIONS);
    // Every report the orchestrator gave is in its validation.
    for (Row row : pool.query("SELECT id, score FROM validations").execute().await()) {
      assertThat(row.getDouble("score")).isEqualTo(scores.get(row.getUUID("id").toString()));
    }
    List<String> asked =
        orchestrator.received(OrchestratorAddresses.PIPELINES_GET).stream()
            .map(request -> request.getString("id"))
            .toList();
    assertThat(asked).hasSize(VALIDATIONS).doesNotHaveDuplicates();
    assertThat(asked).containsExactlyInAnyOrderElementsOf(scores.keySet());
    // One node: each report once, by the orchestrator's count and by the node's.
    assertThat(reportFetches() - fetchesBefore).isEqualTo(VALIDATIONS);
  }

  private JsonObject finishedPipeline(String id) {
    JsonObject report = new JsonObject().put("score", scores.get(id));
    return new JsonObject()
        .put("id", id)
        .put("state", "succeeded")
        .put(
            "stages",
            new JsonArray().add(new JsonObject().put("name", "report").put("result", report)));
  }

  private long completed() {
    return pool.preparedQuery("SELECT count(*) FROM validations WHERE status = $1")
        .execute(Tuple.of("completed"))
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  /** How many verticles of {@code type} the node runs, over all its deployments. */
  private static long instancesOf(Class<?> type) {
    return ((VertxInternal) node.vertx())
        .deploymentManager().deployments().stream()
            .flatMap(deployment -> deployment.deployment().instances().stream())
            .filter(type::isInstance)
            .count();
  }

  /** The node's own count of the reports it asked the orchestrator for. */
  private static double reportFetches() {
    Counter counter =
        Metrics.of(node.vertx()).registry().find(Metrics.VALIDATION_REPORT_FETCHES).counter();
    return counter == null ? 0 : counter.count();
  }
}
