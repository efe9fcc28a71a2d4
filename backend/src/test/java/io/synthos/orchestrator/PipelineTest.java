package io.synthos.orchestrator;

import static io.synthos.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.synthos.orchestrator.execution.JobExecutors;
import io.synthos.orchestrator.execution.JobFailure;
import io.synthos.orchestrator.jobs.JobType;
import io.synthos.orchestrator.jobs.MlPool;
import io.synthos.orchestrator.jobs.Priority;
import io.synthos.orchestrator.jobs.Resources;
import io.synthos.orchestrator.pipelines.PipelineKind;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
@DisplayName("A pipeline")
class PipelineTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private final Harness harness = new Harness();
  private final List<String> order = new CopyOnWriteArrayList<>();

  @BeforeEach
  void capacity() {
    for (MlPool pool : List.of(MlPool.DATA, MlPool.VALIDATION, MlPool.COLLAPSE)) {
      harness.setCapacity(pool, new Resources(64_000, 256_000, 0));
    }
  }

  @AfterEach
  void close() {
    harness.close();
  }

  /** Stage executors that record the order they ran in; {@code validate} can be made to fail. */
  private UnaryOperator<JobExecutors> stages(boolean validateFails) {
    return executors ->
        executors
            .with(
                JobType.DATA_CHECK,
                (job, control) -> ran(job.stage(), new JsonObject().put("checked", true)))
            .with(
                JobType.VALIDATE,
                (job, control) ->
                    validateFails
                        ? Future.failedFuture(
                            JobFailure.permanent("the validation service refused the datasets"))
                        : ran(
                            job.stage(),
                            new JsonObject()
                                .put("score", 87)
                                .put("metrics_version", "1")
                                .put("skipped", new JsonArray())))
            .with(
                JobType.COLLAPSE,
                (job, control) -> ran(job.stage(), new JsonObject().put("risk", "low")));
  }

  private Future<JsonObject> ran(String stage, JsonObject result) {
    order.add(stage);
    return Future.succeededFuture(result);
  }

  private UUID create(PipelineKind kind) {
    JsonObject input = new JsonObject().put("dataset_id", UUID.randomUUID().toString());
    return create(UUID.randomUUID(), kind, input).pipelineId();
  }

  private PipelineStore.Created create(UUID id, PipelineKind kind, JsonObject input) {
    return await(
        harness.pool.withTransaction(
            tx ->
                harness.pipelines.create(
                    tx,
                    id,
                    kind,
                    Harness.OWNER,
                    Priority.STANDARD,
                    input,
                    harness.clock.instant())));
  }

  private JsonObject pipeline(UUID id) {
    return await(harness.pipelines.get(id, Harness.OWNER));
  }

  @Test
  @DisplayName("runs its stages in dependency order, stores each result once, and succeeds")
  void runsInOrder() {
    Harness.Node node = harness.node("node", stages(false), s -> s);
    UUID id = create(PipelineKind.VALIDATION);
    assertThat(pipeline(id).getJsonArray("stages").getJsonObject(1).getString("state"))
        .isEqualTo("pending");

    node.start();

    await().atMost(WAIT).until(() -> "succeeded".equals(pipeline(id).getString("state")));
    assertThat(order.get(0)).isEqualTo("ingest-check");
    assertThat(order.subList(1, 3)).containsExactlyInAnyOrder("validate", "collapse");
    JsonArray stages = pipeline(id).getJsonArray("stages");
    assertThat(stages.stream().map(stage -> ((JsonObject) stage).getString("state")))
        .containsOnly("succeeded");
    JsonObject report = stages.getJsonObject(3).getJsonObject("result");
    // The validation service's report, with the collapse report inside it.
    assertThat(report.getInteger("score")).isEqualTo(87);
    assertThat(report.getJsonObject("collapse")).isEqualTo(new JsonObject().put("risk", "low"));
    assertThat(harness.events)
        .anyMatch(
            event ->
                "pipeline".equals(event.getString("kind"))
                    && "succeeded".equals(event.getString("state")));
  }

  @Test
  @DisplayName("halts on a failed stage with its reason, and never starts the stages after it")
  void haltsOnFailure() {
    Harness.Node node = harness.node("node", stages(true), s -> s);
    UUID id = create(PipelineKind.VALIDATION);

    node.start();

    await().atMost(WAIT).until(() -> "failed".equals(pipeline(id).getString("state")));
    JsonObject failed = pipeline(id);
    assertThat(failed.getString("error"))
        .isEqualTo("stage validate failed: the validation service refused the datasets");
    assertThat(failed.getJsonArray("stages").getJsonObject(3).getString("state"))
        .isEqualTo("pending");
    assertThat(order).doesNotContain("report");
  }

  @Test
  @DisplayName("halts with the reason once a stage that always fails has used its retries")
  void haltsWhenAStageGoesDead() {
    AtomicInteger attempts = new AtomicInteger();
    Harness.Node node =
        harness.node(
            "node",
            executors ->
                stages(false)
                    .apply(executors)
                    .with(
                        JobType.VALIDATE,
                        (job, control) -> {
                          attempts.incrementAndGet();
                          return Future.failedFuture(
                              new IllegalStateException("the service timed out"));
                        }),
            s -> s);
    UUID id = create(PipelineKind.VALIDATION);
    node.start();

    // Each poll moves the clock past any backoff, so every retry falls due at once.
    await()
        .atMost(WAIT)
        .until(
            () -> {
              harness.clock.advance(Duration.ofMinutes(10));
              node.wake();
              return "failed".equals(pipeline(id).getString("state"));
            });
    JsonObject failed = pipeline(id);
    assertThat(failed.getString("error"))
        .as("names the stage and its last error")
        .contains("stage validate")
        .endsWith(": the service timed out");
    assertThat(attempts.get()).as("a stage's three attempts, each after its backoff").isEqualTo(3);
    JsonObject validate =
        failed.getJsonArray("stages").stream()
            .map(JsonObject.class::cast)
            .filter(stage -> "validate".equals(stage.getString("name")))
            .findFirst()
            .orElseThrow();
    assertThat(validate.getString("state")).isEqualTo("dead");
    assertThat(order).doesNotContain("report");
  }

  @Test
  @DisplayName("of kind full adds warranty issuance after the report")
  void fullPipeline() {
    assertThat(PipelineKind.FULL.stage("warranty").needs()).containsExactly("report");
    Harness.Node node =
        harness.node(
            "node",
            executors ->
                stages(false)
                    .apply(executors)
                    .with(
                        JobType.WARRANTY,
                        (job, control) -> ran("warranty", new JsonObject().put("issued", true))),
            s -> s);
    UUID id = create(PipelineKind.FULL);

    node.start();

    await().atMost(WAIT).until(() -> "succeeded".equals(pipeline(id).getString("state")));
    assertThat(order).endsWith("warranty");
  }

  @Test
  @DisplayName("cancelled, stops its queued stages")
  void cancel() {
    UUID id = create(PipelineKind.VALIDATION);

    await(harness.pipelines.cancel(id, Harness.OWNER, harness.clock.instant()));

    JsonObject cancelled = pipeline(id);
    assertThat(cancelled.getString("state")).isEqualTo("cancelled");
    assertThat(cancelled.getJsonArray("stages").getJsonObject(0).getString("state"))
        .isEqualTo("cancelled");
  }

  @Test
  @DisplayName("created twice under one id is one pipeline with its first stage enqueued once")
  void createIsIdempotent() {
    UUID id = UUID.randomUUID();
    JsonObject input = new JsonObject().put("dataset_id", UUID.randomUUID().toString());

    PipelineStore.Created first = create(id, PipelineKind.VALIDATION, input);
    PipelineStore.Created again = create(id, PipelineKind.VALIDATION, input);

    assertThat(first.jobs()).hasSize(1);
    assertThat(again.pipelineId()).isEqualTo(id);
    assertThat(again.jobs()).isEmpty();
    assertThat(pipeline(id).getJsonArray("stages").getJsonObject(0).getString("job_id"))
        .isEqualTo(first.jobs().get(0).jobId().toString());
  }

  @Test
  @DisplayName("is someone else's: not found")
  void scopedToOwner() {
    UUID id = create(PipelineKind.VALIDATION);

    assertThatThrownBy(() -> await(harness.pipelines.get(id, UUID.randomUUID())))
        .hasMessageContaining("No such pipeline");
  }
}
