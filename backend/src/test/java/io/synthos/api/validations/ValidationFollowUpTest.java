package io.synthos.api.validations;

import static io.synthos.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.orchestrator.OrchestratorAddresses;
import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.http.ProblemType;
import io.synthos.platform.metrics.Metrics;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.NodeExtension;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The janitor's part: a validation whose events went unheard is brought up to date by asking the
 * orchestrator, and one without a pipeline (left by an earlier version, which wrote the two in two
 * steps) does not wait forever.
 */
@Tag("integration")
@DisplayName("A validation followed up by the janitor")
class ValidationFollowUpTest {

  @RegisterExtension static final NodeExtension node = new NodeExtension();

  private Pool pool;
  private ValidationStore store;
  private ValidationTracker tracker;

  @BeforeEach
  void tracker() {
    pool = PgSettings.fromUrl(node.config().database().url()).pool(node.vertx(), 2);
    store = new ValidationStore(pool);
    tracker =
        new ValidationTracker(
            store,
            new OrchestratorClient(node.vertx()),
            node.vertx(),
            Clock.systemUTC(),
            Metrics.of(node.vertx()));
  }

  @AfterEach
  void close() throws Exception {
    await(pool.close());
  }

  @Test
  @DisplayName("fails with the reason once quiet for a while, and no pipeline is made for it")
  void failsWithoutPipeline() throws Exception {
    String token = node.newAccessToken();
    UUID owner = userOf(token);
    UUID id = UUID.randomUUID();
    ValidationRequest request =
        ValidationRequest.of(new JsonObject().put("dataset_id", UUID.randomUUID().toString()));
    // Recorded two minutes ago, as by an earlier version that wrote the row, then stopped before
    // asking for the pipeline; a validation is now written only with its pipeline.
    await(store.insert(id, owner, request, null, Instant.now().minus(Duration.ofMinutes(2))));

    await(tracker.followUp(Duration.ofMinutes(1)));

    Row row =
        await(
                pool.preparedQuery("SELECT status, error FROM validations WHERE id = $1")
                    .execute(Tuple.of(id)))
            .iterator()
            .next();
    assertThat(row.getString("status")).isEqualTo("failed");
    assertThat(row.getString("error")).contains("never created").contains("ask");
    assertThat(
            HttpProbe.get(node.url("/api/v1/pipelines/" + id), "Authorization", "Bearer " + token)
                .status())
        .isEqualTo(404);
  }

  @Test
  @DisplayName("asks again for a finished pipeline's report when the orchestrator answers 503")
  void asksAgainForTheReport() throws Exception {
    // An orchestrator of its own, on a Vert.x of its own: the node's would answer at once.
    Vertx elsewhere = Vertx.vertx();
    try {
      AtomicInteger asked = new AtomicInteger();
      JsonObject report = new JsonObject().put("score", 87.5);
      JsonObject finished =
          new JsonObject()
              .put("state", "succeeded")
              .put(
                  "stages",
                  new JsonArray()
                      .add(new JsonObject().put("name", "report").put("result", report)));
      await(
          elsewhere
              .eventBus()
              .<JsonObject>consumer(
                  OrchestratorAddresses.PIPELINES_GET,
                  message -> {
                    if (asked.incrementAndGet() == 1) {
                      // As a node that just died answers: not at all, which the caller sees as a
                      // 503 (here at once, not after the bus's 10 s).
                      message.fail(
                          503,
                          ProblemType.ORCHESTRATOR_UNAVAILABLE.exception("gone").toJson().encode());
                    } else {
                      message.reply(finished);
                    }
                  })
              .completion());
      ValidationTracker elsewhereTracker =
          new ValidationTracker(
              store,
              new OrchestratorClient(elsewhere),
              elsewhere,
              Clock.systemUTC(),
              Metrics.disabled());
      UUID id = UUID.randomUUID();
      UUID owner = UUID.randomUUID();
      ValidationRequest request =
          ValidationRequest.of(new JsonObject().put("dataset_id", UUID.randomUUID().toString()));
      await(store.insert(id, owner, request, null, Instant.now()));

      await(
          elsewhereTracker.onJobEvent(
              new JsonObject()
                  .put("pipeline_id", id.toString())
                  .put("kind", "pipeline")
                  .put("state", "succeeded")
                  .put("owner_id", owner.toString())));

      assertThat(asked).hasValue(2);
      Row row =
          await(
                  pool.preparedQuery("SELECT status, score FROM validations WHERE id = $1")
                      .execute(Tuple.of(id)))
              .iterator()
              .next();
      assertThat(row.getString("status")).isEqualTo("completed");
      assertThat(row.getDouble("score")).isEqualTo(87.5);
    } finally {
      await(elsewhere.close());
    }
  }

  private static UUID userOf(String token) {
    return UUID.fromString(
        HttpProbe.get(node.url("/api/v1/auth/me"), "Authorization", "Bearer " + token)
            .json()
            .getString("id"));
  }
}
