package io.synthos.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.launcher.Role;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestDatasets;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The jobs, pipelines and resources endpoints against the real orchestrator and resource tracker.
 * No ML service runs here: ML work waits for its service, which is what a user would see.
 */
@Tag("integration")
@DisplayName("Jobs through the API, with the real orchestrator")
class OrchestratorApiTest {

  @RegisterExtension
  static final NodeExtension node =
      new NodeExtension(
          Map.of(
              "ADMIN_USER", "admin",
              "ADMIN_PASSWORD", "bootstrap-Admin-pass-77",
              "POOL_DATA_CAPACITY", "2000:2048:0",
              "POOL_VALIDATION_CAPACITY", "4000:4096:0",
              "POOL_COLLAPSE_CAPACITY", "2000:2048:0"),
          EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR, Role.RESOURCES));

  private static Response submit(String token, JsonObject body) {
    return HttpProbe.postJson(node.url("/api/v1/jobs"), body, "Authorization", "Bearer " + token);
  }

  private static Response get(String token, String path) {
    return HttpProbe.get(node.url(path), "Authorization", "Bearer " + token);
  }

  private static String adminToken() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                HttpProbe.postJson(
                            node.url("/api/v1/auth/login"),
                            new JsonObject()
                                .put("email", "admin")
                                .put("password", "bootstrap-Admin-pass-77"))
                        .status()
                    == 200);
    return HttpProbe.postJson(
            node.url("/api/v1/auth/login"),
            new JsonObject().put("email", "admin").put("password", "bootstrap-Admin-pass-77"))
        .json()
        .getString("access_token");
  }

  @Test
  @DisplayName("runs a submitted job to success and shows it to its owner only")
  void noopJob() {
    String owner = node.newAccessToken();
    String stranger = node.newAccessToken();

    Response submitted =
        submit(
            owner,
            new JsonObject()
                .put("type", "noop")
                .put("priority", "express")
                .put("payload", new JsonObject().put("note", "hello")));

    assertThat(submitted.status()).isEqualTo(202);
    String id = submitted.json().getString("id");
    assertThat(submitted.header("Location")).isEqualTo("/api/v1/jobs/" + id);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> "succeeded".equals(get(owner, "/api/v1/jobs/" + id).json().getString("state")));
    assertThat(get(stranger, "/api/v1/jobs/" + id).status()).isEqualTo(404);
    assertThat(get(owner, "/api/v1/jobs").json().getJsonArray("items"))
        .extracting(item -> ((JsonObject) item).getString("id"))
        .contains(id);
    assertThat(get(stranger, "/api/v1/jobs").json().getJsonArray("items")).isEmpty();
    assertThat(get(adminToken(), "/api/v1/jobs/" + id).status())
        .as("admins see all")
        .isEqualTo(200);
  }

  @Test
  @DisplayName("refuses a request above its pool's capacity with 422, and takes one above the line")
  void exceedsCapacity() {
    String token = node.newAccessToken();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> get(token, "/api/v1/resources/status").json().getJsonArray("pools").size() == 3);

    JsonObject payload = new JsonObject().put("dataset_id", TestDatasets.recorded(node, token));
    Response refused =
        submit(
            token,
            new JsonObject()
                .put("type", "validation.validate")
                .put("payload", payload)
                .put("resources", new JsonObject().put("cpu_millis", 4001)));
    Response aboveTheLine =
        submit(
            token,
            new JsonObject()
                .put("type", "validation.validate")
                .put("payload", payload)
                .put("resources", new JsonObject().put("cpu_millis", 3500)));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().getString("type")).isEqualTo("/problems/exceeds-capacity");
    assertThat(aboveTheLine.status()).as(aboveTheLine.body()).isEqualTo(202);
  }

  @Test
  @DisplayName("shows each pool's capacity, its 80% admission limit and what is allocated")
  void resources() {
    String token = node.newAccessToken();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> get(token, "/api/v1/resources/status").json().getJsonArray("pools").size() == 3);

    JsonObject validation =
        get(token, "/api/v1/resources/status").json().getJsonArray("pools").stream()
            .map(JsonObject.class::cast)
            .filter(pool -> "validation".equals(pool.getString("name")))
            .findFirst()
            .orElseThrow();

    assertThat(validation.getJsonObject("capacity").getInteger("cpu_millis")).isEqualTo(4000);
    assertThat(validation.getJsonObject("admission_limit").getInteger("cpu_millis"))
        .isEqualTo(3200);
    assertThat(validation.getString("source")).isEqualTo("configured");
  }

  @Test
  @DisplayName("publishes a snapshot of the pools on the event bus every second")
  void snapshots() {
    java.util.List<JsonObject> snapshots = new java.util.concurrent.CopyOnWriteArrayList<>();
    var consumer =
        node.vertx()
            .eventBus()
            .<JsonObject>consumer(
                io.synthos.resources.ResourceTrackerVerticle.SNAPSHOT_ADDRESS,
                message -> snapshots.add(message.body()));

    await().atMost(Duration.ofSeconds(10)).until(() -> snapshots.size() >= 2);
    consumer.unregister();

    assertThat(snapshots.get(snapshots.size() - 1).getJsonArray("pools")).hasSize(3);
  }

  @Test
  @DisplayName("keeps ML work waiting while its service is down, and cancels it on request")
  void waitsThenCancels() {
    String token = node.newAccessToken();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> get(token, "/api/v1/resources/status").json().getJsonArray("pools").size() == 3);
    String id =
        submit(
                token,
                new JsonObject()
                    .put("type", "data.check")
                    .put(
                        "payload",
                        new JsonObject().put("dataset_id", TestDatasets.recorded(node, token))))
            .json()
            .getString("id");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JsonObject job = get(token, "/api/v1/jobs/" + id).json();
              return "queued".equals(job.getString("state"))
                  && String.valueOf(job.getString("waiting_reason"))
                      .startsWith("service-unavailable");
            });
    Response cancelled =
        HttpProbe.postJson(
            node.url("/api/v1/jobs/" + id + "/cancel"),
            new JsonObject(),
            "Authorization",
            "Bearer " + token);

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().getString("state")).isEqualTo("cancelled");
    assertThat(
            HttpProbe.postJson(
                    node.url("/api/v1/jobs/" + id + "/cancel"),
                    new JsonObject(),
                    "Authorization",
                    "Bearer " + token)
                .status())
        .isEqualTo(409);
    assertThat(
            HttpProbe.postJson(
                    node.url("/api/v1/jobs/" + id + "/retry"),
                    new JsonObject(),
                    "Authorization",
                    "Bearer " + token)
                .status())
        .as("users cannot retry")
        .isEqualTo(403);
  }

  @Test
  @DisplayName("creates a validation pipeline whose first stage waits for the data service")
  void pipeline() {
    String token = node.newAccessToken();
    JsonObject body =
        new JsonObject()
            .put("priority", "standard")
            .put("input", new JsonObject().put("dataset_id", TestDatasets.recorded(node, token)));

    Response created =
        HttpProbe.postJson(
            node.url("/api/v1/pipelines/validation"), body, "Authorization", "Bearer " + token);

    assertThat(created.status()).isEqualTo(202);
    JsonObject pipeline = created.json();
    assertThat(pipeline.getString("state")).isEqualTo("running");
    assertThat(pipeline.getJsonArray("stages")).hasSize(4);
    assertThat(pipeline.getJsonArray("stages").getJsonObject(0).getString("job_id")).isNotNull();
    assertThat(pipeline.getJsonArray("stages").getJsonObject(1).getString("state"))
        .isEqualTo("pending");
    String id = pipeline.getString("id");
    assertThat(get(node.newAccessToken(), "/api/v1/pipelines/" + id).status()).isEqualTo(404);
    Response cancelled =
        HttpProbe.postJson(
            node.url("/api/v1/pipelines/" + id + "/cancel"),
            new JsonObject(),
            "Authorization",
            "Bearer " + token);
    assertThat(cancelled.json().getString("state")).isEqualTo("cancelled");
  }
}
