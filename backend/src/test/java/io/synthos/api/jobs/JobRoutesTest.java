package io.synthos.api.jobs;

import static io.synthos.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.launcher.Role;
import io.synthos.orchestrator.OrchestratorAddresses;
import io.synthos.platform.http.PageRequest;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jobs endpoints at the event-bus boundary: a node without the orchestrator role, and a fake
 * orchestrator in its place that answers with canned jobs and records what the API asked.
 */
@Tag("integration")
@DisplayName("The jobs endpoints")
@Tag("slow")
class JobRoutesTest {

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
            .on(OrchestratorAddresses.JOBS_SUBMIT, JobRoutesTest::queuedJob)
            .on(OrchestratorAddresses.JOBS_GET, JobRoutesTest::existingJob)
            .on(OrchestratorAddresses.JOBS_CANCEL, JobRoutesTest::existingJob)
            .on(OrchestratorAddresses.JOBS_RETRY, JobRoutesTest::existingJob)
            .on(OrchestratorAddresses.JOBS_LIST, request -> emptyPage());
    deployment = node.vertx().deployVerticle(orchestrator).await();
    token = node.newAccessToken();
    userId = get("/api/v1/auth/me").json().getString("id");
  }

  @AfterEach
  void undeployFakeOrchestrator() {
    if (deployment != null) {
      node.vertx().undeploy(deployment).await();
    }
  }

  @Test
  @DisplayName("submit a job's type, priority, payload and resources as the caller, and answer 202")
  void submit() {
    JsonObject request =
        new JsonObject()
            .put("type", "data.check")
            .put("priority", "express")
            .put("payload", new JsonObject().put("dataset_id", UUID.randomUUID().toString()))
            .put("resources", new JsonObject().put("cpu_millis", 2000).put("memory_mib", 4096))
            .put("max_attempts", 5);

    Response response = submit(request);

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    String id = response.json().getString("id");
    assertThat(response.header("Location")).isEqualTo("/api/v1/jobs/" + id);
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(response.json().getString("owner_id")).isEqualTo(userId);
    JsonObject sent = only(OrchestratorAddresses.JOBS_SUBMIT);
    JsonObject caller = (JsonObject) sent.remove("caller");
    assertThat(sent).isEqualTo(request);
    assertThat(caller.getString("user_id")).isEqualTo(userId);
    assertThat(caller.getString("role")).isEqualTo("user");
  }

  @Test
  @DisplayName("fill in the documented defaults: standard priority and three attempts")
  void submitDefaults() {
    Response response =
        submit(new JsonObject().put("type", "noop").put("payload", new JsonObject()));

    assertThat(response.status()).as(response.body()).isEqualTo(202);
    JsonObject sent = only(OrchestratorAddresses.JOBS_SUBMIT);
    assertThat(sent.getString("priority")).isEqualTo("standard");
    assertThat(sent.getInteger("max_attempts")).isEqualTo(3);
    assertThat(sent.containsKey("resources")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"type\":\"mine.bitcoin\",\"payload\":{}}",
        "{\"type\":\"noop\",\"payload\":{},\"resources\":{\"cpu_millis\":-1}}",
        "{\"type\":\"noop\",\"payload\":{},\"resources\":{\"cpu_millis\":1000000000}}",
        "{\"type\":\"noop\",\"payload\":{},\"resources\":{\"memory_mib\":1.5}}",
        "{\"type\":\"noop\",\"payload\":{},\"resources\":{\"gpus\":17}}",
        "{\"type\":\"noop\",\"payload\":{},\"resources\":{\"disk_gib\":1}}",
        "{\"type\":\"noop\",\"payload\":{},\"owner_id\":\"9d3f6a2b-1c4e-4b7a-8e5d-3f2a1b0c9d8e\"}",
        "{\"type\":\"noop\"}",
        "{\"type\":\"noop\",\"payload\":[]}",
        "{\"type\":\"noop\",\"payload\":{},\"priority\":\"urgent\"}",
        "{\"type\":\"noop\",\"payload\":{},\"max_attempts\":0}",
        "{\"type\":\"noop\",\"payload\":{},\"max_attempts\":21}",
        "{\"type\":\"data.check\",\"payload\":{}}",
        "{\"type\":\"validation.validate\",\"payload\":{\"dataset_id\":\"x\"}}",
        "{\"type\":\"collapse.analyse\",\"payload\":{\"dataset_id\":\"9d3f6a2b-1c4e-4b7a-8e5d-3f2a1b0c9d8e\",\"owner_id\":\"9d3f6a2b-1c4e-4b7a-8e5d-3f2a1b0c9d8e\"}}"
      })
  @DisplayName("refuse a body the contract rules out with 400, and never ask the orchestrator")
  void submitInvalid(String body) {
    Response response =
        HttpProbe.post(
            node.url("/api/v1/jobs"),
            body,
            "Authorization",
            "Bearer " + token,
            "Content-Type",
            "application/json");

    assertProblem(response, 400, "/problems/validation-failed");
    assertThat(orchestrator.received()).isEmpty();
  }

  @Test
  @DisplayName("take a payload of 64 KiB, and refuse a larger one with 413 without sending it")
  void payloadLimit() {
    // {"blob":"…"} is 11 bytes around the string.
    JsonObject largest = new JsonObject().put("blob", "x".repeat(64 * 1024 - 11));
    assertThat(largest.toBuffer().length()).isEqualTo(64 * 1024);
    JsonObject tooLarge = new JsonObject().put("blob", "x".repeat(64 * 1024 - 10));

    Response taken = submit(new JsonObject().put("type", "noop").put("payload", largest));
    Response refused = submit(new JsonObject().put("type", "noop").put("payload", tooLarge));

    assertThat(taken.status()).as(taken.body()).isEqualTo(202);
    JsonObject problem = assertProblem(refused, 413, "/problems/payload-too-large");
    assertThat(problem.getString("detail")).contains("65537");
    assertThat(orchestrator.received(OrchestratorAddresses.JOBS_SUBMIT))
        .singleElement()
        .satisfies(sent -> assertThat(sent.getJsonObject("payload")).isEqualTo(largest));
  }

  @Test
  @DisplayName("pass the orchestrator's 422 through when a job exceeds its pool's admission limit")
  void admissionLimit() {
    orchestrator.failing(
        OrchestratorAddresses.JOBS_SUBMIT,
        ProblemType.EXCEEDS_CAPACITY.problem(
            "The data pool admits at most 3200 millicores per job."));

    Response response =
        submit(
            new JsonObject()
                .put("type", "data.check")
                .put("payload", new JsonObject().put("dataset_id", UUID.randomUUID().toString()))
                .put("resources", new JsonObject().put("cpu_millis", 256000)));

    JsonObject problem = assertProblem(response, 422, "/problems/exceeds-capacity");
    assertThat(problem.getString("detail")).contains("3200 millicores");
  }

  @Test
  @DisplayName("get, cancel and retry a job by its id, as the caller")
  void byId() {
    String id = UUID.randomUUID().toString();

    List<Response> responses =
        List.of(
            get("/api/v1/jobs/" + id),
            post("/api/v1/jobs/" + id + "/cancel"),
            post("/api/v1/jobs/" + id + "/retry"));

    for (Response response : responses) {
      assertThat(response.status()).as(response.body()).isEqualTo(200);
      assertThat(response.json().getString("id")).isEqualTo(id);
      assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }
    for (String address :
        List.of(
            OrchestratorAddresses.JOBS_GET,
            OrchestratorAddresses.JOBS_CANCEL,
            OrchestratorAddresses.JOBS_RETRY)) {
      JsonObject sent = only(address);
      assertThat(sent.getString("id")).as(address).isEqualTo(id);
      assertThat(sent.getJsonObject("caller").getString("user_id")).as(address).isEqualTo(userId);
    }
  }

  @Test
  @DisplayName("pass the orchestrator's 404, 409 and 403 through as they are")
  void orchestratorProblems() {
    String id = UUID.randomUUID().toString();
    orchestrator
        .failing(
            OrchestratorAddresses.JOBS_GET,
            Problem.ofStatus(404, "Not Found", "No job " + id + "."))
        .failing(
            OrchestratorAddresses.JOBS_CANCEL,
            ProblemType.JOB_STATE_CONFLICT.problem("The job has already succeeded."))
        .failing(
            OrchestratorAddresses.JOBS_RETRY,
            ProblemType.ADMIN_ONLY.problem("Only administrators may retry jobs."));

    JsonObject missing = assertProblem(get("/api/v1/jobs/" + id), 404, "about:blank");
    assertProblem(post("/api/v1/jobs/" + id + "/cancel"), 409, "/problems/job-state-conflict");
    assertProblem(post("/api/v1/jobs/" + id + "/retry"), 403, "/problems/admin-only");
    assertThat(missing.getString("detail")).isEqualTo("No job " + id + ".");
  }

  @Test
  @DisplayName("list with only the filters given, and the page asked for")
  void list() {
    String pipeline = UUID.randomUUID().toString();
    JsonObject position = new JsonObject().put("created_at", "2026-11-26T09:30:00Z");

    Response all = get("/api/v1/jobs");
    Response queued = get("/api/v1/jobs?state=queued&limit=5");
    Response filtered =
        get(
            "/api/v1/jobs?type=collapse.analyse&state=dead&pipeline_id="
                + pipeline
                + "&cursor="
                + PageRequest.cursor(position));

    assertThat(all.status()).as(all.body()).isEqualTo(200);
    assertThat(all.json()).isEqualTo(emptyPage());
    assertThat(queued.status()).as(queued.body()).isEqualTo(200);
    assertThat(filtered.status()).as(filtered.body()).isEqualTo(200);
    List<JsonObject> sent = orchestrator.received(OrchestratorAddresses.JOBS_LIST);
    assertThat(sent).hasSize(3);
    assertThat(sent.get(0).getJsonObject("filters")).isEqualTo(new JsonObject());
    assertThat(sent.get(0).getJsonObject("page")).isEqualTo(new PageRequest(20, null).toJson());
    assertThat(sent.get(1).getJsonObject("filters"))
        .isEqualTo(new JsonObject().put("state", "queued"));
    assertThat(sent.get(1).getJsonObject("page")).isEqualTo(new PageRequest(5, null).toJson());
    assertThat(sent.get(2).getJsonObject("filters"))
        .isEqualTo(
            new JsonObject()
                .put("state", "dead")
                .put("type", "collapse.analyse")
                .put("pipeline_id", pipeline));
    assertThat(sent.get(2).getJsonObject("page")).isEqualTo(new PageRequest(20, position).toJson());
    assertThat(sent.get(2).getJsonObject("caller").getString("user_id")).isEqualTo(userId);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/api/v1/jobs?state=stuck",
        "/api/v1/jobs?type=mine.bitcoin",
        "/api/v1/jobs?pipeline_id=not-a-uuid",
        "/api/v1/jobs?limit=101",
        "/api/v1/jobs?cursor=not!a!cursor",
        "/api/v1/jobs/not-a-uuid"
      })
  @DisplayName("refuse a malformed query or id with 400, and never ask the orchestrator")
  void invalidQueries(String path) {
    Response response = get(path);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(orchestrator.received()).isEmpty();
  }

  @Test
  @DisplayName("answer 401 without credentials, and never ask the orchestrator")
  void unauthenticated() {
    String id = UUID.randomUUID().toString();

    assertProblem(HttpProbe.get(node.url("/api/v1/jobs")), 401, "/problems/invalid-token");
    assertProblem(HttpProbe.get(node.url("/api/v1/jobs/" + id)), 401, "/problems/invalid-token");
    assertProblem(
        HttpProbe.post(node.url("/api/v1/jobs/" + id + "/cancel"), ""),
        401,
        "/problems/invalid-token");
    assertProblem(
        HttpProbe.postJson(
            node.url("/api/v1/jobs"),
            new JsonObject().put("type", "noop").put("payload", new JsonObject())),
        401,
        "/problems/invalid-token");
    assertThat(orchestrator.received()).isEmpty();
  }

  @Test
  @DisplayName("answer 503 orchestrator-unavailable when no orchestrator answers")
  void orchestratorAbsent() {
    node.vertx().undeploy(deployment).await();
    deployment = null;

    assertProblem(
        submit(new JsonObject().put("type", "noop").put("payload", new JsonObject())),
        503,
        "/problems/orchestrator-unavailable");
    assertProblem(get("/api/v1/jobs"), 503, "/problems/orchestrator-unavailable");
    assertProblem(
        post("/api/v1/jobs/" + UUID.randomUUID() + "/cancel"),
        503,
        "/problems/orchestrator-unavailable");
    assertThat(orchestrator.received()).isEmpty();
  }

  // --- helpers ---

  private Response submit(JsonObject body) {
    return HttpProbe.postJson(node.url("/api/v1/jobs"), body, "Authorization", "Bearer " + token);
  }

  private Response get(String path) {
    return HttpProbe.get(node.url(path), "Authorization", "Bearer " + token);
  }

  private Response post(String path) {
    return HttpProbe.post(node.url(path), "", "Authorization", "Bearer " + token);
  }

  /** The one request the orchestrator received at {@code address}. */
  private JsonObject only(String address) {
    List<JsonObject> received = orchestrator.received(address);
    assertThat(received).as(address).hasSize(1);
    return received.get(0).copy();
  }

  private static JsonObject emptyPage() {
    return new JsonObject().put("items", new JsonArray()).putNull("next_cursor");
  }

  /** What the orchestrator answers a submission with: the job, queued. */
  private static JsonObject queuedJob(JsonObject request) {
    return job(UUID.randomUUID().toString(), request.getJsonObject("caller"))
        .put("type", request.getString("type"))
        .put("priority", request.getString("priority"))
        .put("payload", request.getJsonObject("payload"));
  }

  private static JsonObject existingJob(JsonObject request) {
    return job(request.getString("id"), request.getJsonObject("caller"));
  }

  private static JsonObject job(String id, JsonObject caller) {
    String now = "2026-11-26T09:30:00Z";
    return new JsonObject()
        .put("id", id)
        .put("type", "noop")
        .put("pool", "none")
        .put("state", "queued")
        .putNull("waiting_reason")
        .put("cancel_requested", false)
        .put("priority", "standard")
        .put("resources", new JsonObject().put("cpu_millis", 0).put("memory_mib", 0).put("gpus", 0))
        .put("attempts", 0)
        .put("max_attempts", 3)
        .putNull("pipeline_id")
        .putNull("stage")
        .put("owner_id", caller.getString("user_id"))
        .put("payload", new JsonObject())
        .putNull("result")
        .putNull("error")
        .put("run_after", now)
        .put("created_at", now)
        .put("updated_at", now)
        .putNull("started_at")
        .putNull("finished_at");
  }
}
