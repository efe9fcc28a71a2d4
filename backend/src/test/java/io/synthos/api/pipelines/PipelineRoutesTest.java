package io.synthos.api.pipelines;

import static io.synthos.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.launcher.Role;
import io.synthos.orchestrator.OrchestratorAddresses;
import io.synthos.platform.http.Problem;
import io.synthos.platform.http.ProblemType;
import io.synthos.testing.EventBusFake;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pipelines endpoints at the event-bus boundary: a node without the orchestrator role, and a
 * fake orchestrator in its place that answers with canned pipelines and records what it was asked.
 */
@Tag("integration")
@DisplayName("The pipelines endpoints")
class PipelineRoutesTest {

  private static final String DATASET = "3c1d7e4f-8a2b-4c6d-9e0f-1a2b3c4d5e6f";

  @RegisterExtension
  static final NodeExtension node = new NodeExtension(Map.of(), EnumSet.of(Role.API, Role.AUTH));

  private EventBusFake orchestrator;
  private String deployment;
  private String token;
  private String userId;

  @BeforeEach
  void deployFakeOrchestrator() {
    orchestrator =
        new EventBusFake()
            .on(
                OrchestratorAddresses.PIPELINES_CREATE,
                request -> pipeline(UUID.randomUUID().toString(), request))
            .on(
                OrchestratorAddresses.PIPELINES_GET,
                request -> pipeline(request.getString("id"), request))
            .on(
                OrchestratorAddresses.PIPELINES_CANCEL,
                request -> pipeline(request.getString("id"), request).put("state", "cancelled"));
    deployment = node.vertx().deployVerticle(orchestrator).await();
    token = node.newAccessToken();
    userId =
        HttpProbe.get(node.url("/api/v1/auth/me"), "Authorization", "Bearer " + token)
            .json()
            .getString("id");
  }

  @AfterEach
  void undeployFakeOrchestrator() {
    if (deployment != null) {
      node.vertx().undeploy(deployment).await();
    }
  }

  @Test
  @DisplayName("start a validation pipeline with its input as the caller, standard by default, 202")
  void validation() {
    JsonObject input =
        new JsonObject()
            .put("dataset_id", DATASET)
            .put("reference_dataset_id", UUID.randomUUID().toString())
            .put("target_column", "churned")
            .put("sections", new JsonArray().add("fidelity").add("privacy"));

    Response response = create("validation", new JsonObject().put("input", input));

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    String id = response.json().getString("id");
    assertThat(response.header("Location")).isEqualTo("/api/v1/pipelines/" + id);
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    JsonObject sent = only(OrchestratorAddresses.PIPELINES_CREATE);
    assertThat(sent.getString("kind")).isEqualTo("validation");
    assertThat(sent.getString("priority")).isEqualTo("standard");
    assertThat(sent.getJsonObject("input")).isEqualTo(input);
    assertThat(sent.getJsonObject("caller").getString("user_id")).isEqualTo(userId);
  }

  @Test
  @DisplayName("start a full pipeline at the priority asked for")
  void full() {
    JsonObject input =
        new JsonObject()
            .put("dataset_id", DATASET)
            .put("generations", new JsonArray().add(UUID.randomUUID().toString()));

    Response response =
        create("full", new JsonObject().put("priority", "batch").put("input", input));

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    JsonObject sent = only(OrchestratorAddresses.PIPELINES_CREATE);
    assertThat(sent.getString("kind")).isEqualTo("full");
    assertThat(sent.getString("priority")).isEqualTo("batch");
    assertThat(sent.getJsonObject("input")).isEqualTo(input);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{}",
        "{\"input\":{}}",
        "{\"input\":{\"dataset_id\":\"not-a-uuid\"}}",
        "{\"input\":{\"dataset_id\":\"" + DATASET + "\",\"reference_dataset_id\":\"x\"}}",
        "{\"input\":{\"dataset_id\":\"" + DATASET + "\",\"target_column\":\"\"}}",
        "{\"input\":{\"dataset_id\":\"" + DATASET + "\",\"sections\":[\"vibes\"]}}",
        "{\"input\":{\"dataset_id\":\"" + DATASET + "\",\"sections\":[\"privacy\",\"privacy\"]}}",
        "{\"input\":{\"dataset_id\":\"" + DATASET + "\",\"owner_id\":\"" + DATASET + "\"}}",
        "{\"input\":{\"dataset_id\":\"" + DATASET + "\"},\"kind\":\"full\"}",
        "{\"input\":{\"dataset_id\":\"" + DATASET + "\"},\"priority\":\"urgent\"}"
      })
  @DisplayName("refuse a body the contract rules out with 400, and never ask the orchestrator")
  void invalid(String body) {
    Response response =
        HttpProbe.post(
            node.url("/api/v1/pipelines/validation"),
            body,
            "Authorization",
            "Bearer " + token,
            "Content-Type",
            "application/json");

    assertProblem(response, 400, "/problems/validation-failed");
    assertThat(orchestrator.received()).isEmpty();
  }

  @Test
  @DisplayName("take up to 20 generations and refuse 21")
  void generations() {
    JsonArray twenty = new JsonArray(IntStream.range(0, 20).mapToObj(i -> uuid()).toList());
    JsonArray twentyOne = twenty.copy().add(uuid());

    Response taken = create("full", withGenerations(twenty));
    Response refused = create("full", withGenerations(twentyOne));

    assertThat(taken.status()).as(taken.body()).isEqualTo(202);
    assertProblem(refused, 400, "/problems/validation-failed");
    assertThat(orchestrator.received()).hasSize(1);
  }

  @Test
  @DisplayName("get and cancel a pipeline by its id, as the caller")
  void byId() {
    String id = uuid();

    Response got = HttpProbe.get(node.url("/api/v1/pipelines/" + id), auth());
    Response cancelled =
        HttpProbe.post(node.url("/api/v1/pipelines/" + id + "/cancel"), "", auth());

    assertThat(got.status()).as(got.body()).isEqualTo(200);
    assertThat(got.json().getString("id")).isEqualTo(id);
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    assertThat(cancelled.json().getString("state")).isEqualTo("cancelled");
    assertThat(got.header("Cache-Control")).isEqualTo("no-store");
    for (String address :
        List.of(OrchestratorAddresses.PIPELINES_GET, OrchestratorAddresses.PIPELINES_CANCEL)) {
      JsonObject sent = only(address);
      assertThat(sent.getString("id")).as(address).isEqualTo(id);
      assertThat(sent.getJsonObject("caller").getString("user_id")).as(address).isEqualTo(userId);
    }
  }

  @Test
  @DisplayName("pass the orchestrator's 404, 409 and 422 through as they are")
  void orchestratorProblems() {
    String id = uuid();
    orchestrator
        .failing(
            OrchestratorAddresses.PIPELINES_GET,
            Problem.ofStatus(404, "Not Found", "No pipeline " + id + "."))
        .failing(
            OrchestratorAddresses.PIPELINES_CANCEL,
            ProblemType.PIPELINE_STATE_CONFLICT.problem("The pipeline has already failed."))
        .failing(
            OrchestratorAddresses.PIPELINES_CREATE,
            ProblemType.EXCEEDS_CAPACITY.problem("A stage asks for more than its pool admits."));

    assertProblem(HttpProbe.get(node.url("/api/v1/pipelines/" + id), auth()), 404, "about:blank");
    assertProblem(
        HttpProbe.post(node.url("/api/v1/pipelines/" + id + "/cancel"), "", auth()),
        409,
        "/problems/pipeline-state-conflict");
    assertProblem(
        create("full", new JsonObject().put("input", new JsonObject().put("dataset_id", DATASET))),
        422,
        "/problems/exceeds-capacity");
  }

  @Test
  @DisplayName("answer 401 without credentials and 503 when no orchestrator answers")
  void unauthenticatedAndUnavailable() {
    JsonObject body = new JsonObject().put("input", new JsonObject().put("dataset_id", DATASET));
    assertProblem(
        HttpProbe.postJson(node.url("/api/v1/pipelines/full"), body),
        401,
        "/problems/invalid-token");
    assertThat(orchestrator.received()).isEmpty();

    node.vertx().undeploy(deployment).await();
    deployment = null;

    assertProblem(create("full", body), 503, "/problems/orchestrator-unavailable");
    assertProblem(
        HttpProbe.get(node.url("/api/v1/pipelines/" + uuid()), auth()),
        503,
        "/problems/orchestrator-unavailable");
  }

  // --- helpers ---

  private Response create(String kind, JsonObject body) {
    return HttpProbe.postJson(node.url("/api/v1/pipelines/" + kind), body, auth());
  }

  private String[] auth() {
    return new String[] {"Authorization", "Bearer " + token};
  }

  private JsonObject only(String address) {
    List<JsonObject> received = orchestrator.received(address);
    assertThat(received).as(address).hasSize(1);
    return received.get(0);
  }

  private static JsonObject withGenerations(JsonArray generations) {
    return new JsonObject()
        .put("input", new JsonObject().put("dataset_id", DATASET).put("generations", generations));
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }

  /** What the orchestrator answers with: the pipeline, its first stage queued. */
  private static JsonObject pipeline(String id, JsonObject request) {
    String now = "2026-11-26T09:30:00Z";
    return new JsonObject()
        .put("id", id)
        .put("kind", request.getString("kind", "validation"))
        .put("state", "running")
        .put("priority", request.getString("priority", "standard"))
        .put("owner_id", request.getJsonObject("caller").getString("user_id"))
        .put("input", request.getJsonObject("input", new JsonObject().put("dataset_id", DATASET)))
        .putNull("error")
        .put("created_at", now)
        .put("updated_at", now)
        .putNull("finished_at")
        .put(
            "stages",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("name", "ingest-check")
                        .put("needs", new JsonArray())
                        .put("job_id", uuid())
                        .put("state", "queued")
                        .putNull("result")));
  }
}
