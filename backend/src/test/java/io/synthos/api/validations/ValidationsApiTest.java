package io.synthos.api.validations;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.EventStream;
import io.synthos.testing.EventStream.Event;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestDatasets;
import io.synthos.testing.TestValidations;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Validations through HTTP on one node with every service real: asked for, followed over
 * server-sent events, read, listed, cancelled, and kept from everyone but their owner.
 */
@Tag("integration")
@DisplayName("The validations API")
class ValidationsApiTest {

  @RegisterExtension static final NodeExtension node = NodeExtension.allServices();

  private static String token;
  private static String real;
  private static String synthetic;
  private static String earlier;

  @BeforeAll
  static void datasets() {
    token = node.newAccessToken();
    real = TestDatasets.ready(node, token, "real.csv", TestDatasets.people(300, 1));
    earlier = TestDatasets.ready(node, token, "generation-1.csv", TestDatasets.people(300, 2));
    synthetic = TestDatasets.ready(node, token, "synthetic.csv", TestDatasets.people(300, 3));
  }

  @Test
  @DisplayName("runs an express validation, streams it live to the end, and keeps the report")
  void expressValidation() throws Exception {
    Response created =
        create(
            token,
            new JsonObject()
                .put("dataset_id", synthetic)
                .put("reference_dataset_id", real)
                .put("generations", new JsonArray().add(earlier))
                .put("target_column", "member")
                .put("options", new JsonObject().put("priority", "express")));

    assertThat(created.status()).as(created.body()).isEqualTo(202);
    String id = created.json().getString("validation_id");
    assertThat(created.json().getString("pipeline_id")).isEqualTo(id);
    assertThat(created.json().getString("status")).isEqualTo("queued");
    assertThat(created.json().getString("priority")).isEqualTo("express");
    assertThat(created.header("Location")).isEqualTo("/api/v1/validations/" + id);

    EventStream.Outcome stream = events(token, id, null);
    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.contentType()).startsWith("text/event-stream");
    List<Event> events = stream.events();
    assertThat(events).isNotEmpty();
    assertThat(events).extracting(Event::id).isSorted().doesNotHaveDuplicates();
    assertThat(events).extracting(Event::name).containsOnly("validation");
    assertThat(events)
        .extracting(event -> event.data().getJsonObject("progress").getDouble("fraction"))
        .isSorted();
    JsonObject last = events.get(events.size() - 1).data();
    assertThat(last.getString("status")).as(last.encode()).isEqualTo("completed");
    assertThat(last.containsKey("report")).isFalse();

    JsonObject validation = get(token, id).json();
    assertThat(validation.getString("status")).isEqualTo("completed");
    assertThat(validation.getJsonObject("progress").getDouble("fraction")).isEqualTo(1.0);
    assertThat(validation.getString("completed_at")).isNotNull();
    JsonObject report = validation.getJsonObject("report");
    assertThat(report.getDouble("score")).isBetween(0.0, 100.0);
    assertThat(validation.getDouble("score")).isEqualTo(report.getDouble("score"));
    assertThat(report.getJsonObject("fidelity").getDouble("score")).isBetween(0.0, 1.0);
    assertThat(report.getJsonObject("quality").getInteger("rows")).isEqualTo(300);
    JsonObject collapse = report.getJsonObject("collapse");
    assertThat(collapse.getString("risk")).isIn("none", "low", "medium", "high");
    // The earlier generation, then the validated dataset as the newest.
    assertThat(collapse.getJsonArray("generations")).hasSize(2);
    assertThat(collapse.getJsonArray("generations").getJsonObject(1).getString("dataset_id"))
        .isEqualTo(synthetic);

    Response page =
        HttpProbe.get(
            node.url("/api/v1/validations/" + id + "/report.html"),
            "Authorization",
            "Bearer " + token);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
    org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(page.body());
    assertThat(html.select("svg")).isNotEmpty();
    assertThat(html.select("script")).isEmpty();
    assertThat(html.text()).contains(id);

    JsonArray listed =
        HttpProbe.get(
                node.url("/api/v1/validations?status=completed&dataset_id=" + synthetic),
                "Authorization",
                "Bearer " + token)
            .json()
            .getJsonArray("items");
    assertThat(listed.stream().map(item -> ((JsonObject) item).getString("validation_id")))
        .contains(id);
  }

  @Test
  @DisplayName("resumes a stream after Last-Event-ID, sending only what the client missed")
  void resumesAfterLastEventId() throws Exception {
    String id = completed(new JsonObject().put("dataset_id", synthetic));
    long version = get(token, id).json().getLong("version");

    EventStream.Outcome upToDate = events(token, id, version);
    EventStream.Outcome oneBehind = events(token, id, version - 1);

    assertThat(upToDate.events()).isEmpty();
    assertThat(oneBehind.events()).hasSize(1);
    assertThat(oneBehind.events().get(0).id()).isEqualTo(version);
    assertThat(oneBehind.events().get(0).data().getString("status")).isEqualTo("completed");
  }

  @Test
  @DisplayName("without a reference runs the quality checks and names every skipped section")
  void withoutReference() throws Exception {
    String id = completed(new JsonObject().put("dataset_id", synthetic));

    JsonObject report = get(token, id).json().getJsonObject("report");

    assertThat(report.getValue("score")).isNull();
    assertThat(report.getJsonObject("quality").getInteger("rows")).isEqualTo(300);
    assertThat(
            report.getJsonArray("skipped").stream().map(s -> ((JsonObject) s).getString("section")))
        .contains("fidelity", "privacy", "utility", "detection");
  }

  @Test
  @DisplayName("answers the same validation to a request repeated with its Idempotency-Key")
  void idempotencyKey() {
    String key = UUID.randomUUID().toString();
    JsonObject body =
        new JsonObject()
            .put("dataset_id", synthetic)
            .put("reference_dataset_id", real)
            .put("options", new JsonObject().put("priority", "batch"));
    // The same request with its keys in another order is the same request.
    JsonObject reordered =
        new JsonObject()
            .put("options", new JsonObject().put("priority", "batch"))
            .put("reference_dataset_id", real)
            .put("dataset_id", synthetic);

    Response first = create(token, body, "Idempotency-Key", key);
    Response again = create(token, reordered, "Idempotency-Key", key);
    Response other =
        create(token, body.copy().put("target_column", "member"), "Idempotency-Key", key);
    Response otherUser = create(node.newAccessToken(), body, "Idempotency-Key", key);

    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(again.status()).as(again.body()).isEqualTo(202);
    assertThat(again.json().getString("validation_id"))
        .isEqualTo(first.json().getString("validation_id"));
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().getString("type")).isEqualTo("/problems/idempotency-key-reused");
    // Keys are per user: the other user's datasets check fails first, as for any request.
    assertThat(otherUser.status()).isEqualTo(404);
  }

  @Test
  @DisplayName("refuses datasets that are not the caller's or not ready, and bad combinations")
  void refusesBadRequests() {
    String other = node.newAccessToken();
    String othersDataset =
        TestDatasets.ready(node, other, "theirs.csv", TestDatasets.people(50, 9));
    Response initiated =
        HttpProbe.postJson(
            node.url("/api/v1/datasets/upload"),
            new JsonObject().put("name", "half.csv").put("size_bytes", 1000),
            "Authorization",
            "Bearer " + token);
    String uploading = initiated.json().getString("dataset_id");

    Response notMine =
        create(
            token,
            new JsonObject()
                .put("dataset_id", synthetic)
                .put("reference_dataset_id", othersDataset));
    Response notReady = create(token, new JsonObject().put("dataset_id", uploading));
    Response holdoutAlone =
        create(
            token, new JsonObject().put("dataset_id", synthetic).put("holdout_dataset_id", real));
    Response badSection =
        create(
            token,
            new JsonObject()
                .put("dataset_id", synthetic)
                .put("options", new JsonObject().put("sections", new JsonArray().add("magic"))));
    Response noDataset = create(token, new JsonObject());
    Response notUuid = create(token, new JsonObject().put("dataset_id", "not-a-uuid"));
    Response badGeneration =
        create(
            token,
            new JsonObject()
                .put("dataset_id", synthetic)
                .put("generations", new JsonArray().add("nope")));
    Response badFilter =
        HttpProbe.get(
            node.url("/api/v1/validations?dataset_id=nope"), "Authorization", "Bearer " + token);
    Response badHistory =
        HttpProbe.get(
            node.url("/api/v1/analytics/validations/history?dataset_id=nope"),
            "Authorization",
            "Bearer " + token);
    Response badDate =
        HttpProbe.get(
            node.url("/api/v1/analytics/usage?from=2026-13-45"),
            "Authorization",
            "Bearer " + token);

    assertThat(notMine.status()).isEqualTo(404);
    assertThat(notMine.json().getString("detail")).contains(othersDataset);
    assertThat(notReady.status()).isEqualTo(409);
    assertThat(notReady.json().getString("type")).isEqualTo("/problems/dataset-not-ready");
    assertThat(holdoutAlone.status()).isEqualTo(422);
    assertThat(holdoutAlone.json().getString("type"))
        .isEqualTo("/problems/holdout-needs-reference");
    assertThat(badSection.status()).isEqualTo(400);
    assertThat(noDataset.status()).isEqualTo(400);
    assertThat(notUuid.status()).as(notUuid.body()).isEqualTo(400);
    assertThat(badGeneration.status()).as(badGeneration.body()).isEqualTo(400);
    assertThat(badFilter.status()).as(badFilter.body()).isEqualTo(400);
    assertThat(badHistory.status()).as(badHistory.body()).isEqualTo(400);
    assertThat(badDate.status()).as(badDate.body()).isEqualTo(400);
    // Nothing was recorded for any of them.
    JsonArray mine =
        HttpProbe.get(
                node.url("/api/v1/validations?dataset_id=" + uploading),
                "Authorization",
                "Bearer " + token)
            .json()
            .getJsonArray("items");
    assertThat(mine).isEmpty();
  }

  @Test
  @DisplayName("reads an id in upper case, and refuses other forms of UUID with 400")
  void idForms() {
    UUID unknown = UUID.randomUUID();
    Response upper = get(token, unknown.toString().toUpperCase(Locale.ROOT));
    Response urn = get(token, "urn:uuid:" + unknown);

    assertThat(upper.status()).isEqualTo(404);
    assertThat(urn.status()).isEqualTo(400);
    assertThat(urn.json().getJsonArray("errors").encode()).contains("Not a UUID");
  }

  @Test
  @DisplayName("is not found by anyone but its owner")
  void ownerOnly() throws Exception {
    String id = completed(new JsonObject().put("dataset_id", synthetic));
    String stranger = node.newAccessToken();

    Response read = get(stranger, id);
    EventStream.Outcome stream = events(stranger, id, null);
    Response page =
        HttpProbe.get(
            node.url("/api/v1/validations/" + id + "/report.html"),
            "Authorization",
            "Bearer " + stranger);
    Response cancel =
        HttpProbe.post(
            node.url("/api/v1/validations/" + id + "/cancel"),
            "",
            "Authorization",
            "Bearer " + stranger);
    JsonArray listed =
        HttpProbe.get(node.url("/api/v1/validations"), "Authorization", "Bearer " + stranger)
            .json()
            .getJsonArray("items");

    assertThat(read.status()).isEqualTo(404);
    assertThat(stream.status()).isEqualTo(404);
    assertThat(cancel.status()).isEqualTo(404);
    assertThat(page.status()).isEqualTo(404);
    assertThat(listed).isEmpty();
    assertThat(get(token, id).status()).isEqualTo(200);
  }

  @Test
  @DisplayName(
      "cancels a running validation, which then ends cancelled and cannot be cancelled again")
  void cancelMidRun() throws Exception {
    // Exact nearest-row distances over 40k × 40k rows take a while: time to cancel.
    String big = TestDatasets.ready(node, token, "big.csv", TestDatasets.people(40_000, 4));
    String bigReal =
        TestDatasets.ready(node, token, "big-real.csv", TestDatasets.people(40_000, 5));
    Response created =
        create(
            token,
            new JsonObject()
                .put("dataset_id", big)
                .put("reference_dataset_id", bigReal)
                .put(
                    "options",
                    new JsonObject()
                        .put("priority", "express")
                        .put("sections", new JsonArray().add("privacy"))));
    String id = created.json().getString("validation_id");
    AtomicReference<Response> cancelled = new AtomicReference<>();

    EventStream.Outcome stream =
        EventStream.read(
            node.url("/api/v1/validations/" + id + "/events"),
            event -> {
              JsonObject progress = event.data().getJsonObject("progress");
              if (cancelled.get() == null
                  && "validate".equals(progress.getString("stage"))
                  && progress.getJsonObject("stages").getDouble("validate", 0.0) > 0) {
                cancelled.set(
                    HttpProbe.post(
                        node.url("/api/v1/validations/" + id + "/cancel"),
                        "",
                        "Authorization",
                        "Bearer " + token));
              }
            },
            "Authorization",
            "Bearer " + token);

    assertThat(cancelled.get()).as("the validation never reported progress").isNotNull();
    assertThat(cancelled.get().status()).as(cancelled.get().body()).isEqualTo(200);
    assertThat(cancelled.get().json().getString("status")).isEqualTo("cancelled");
    List<Event> events = stream.events();
    assertThat(events.get(events.size() - 1).data().getString("status")).isEqualTo("cancelled");
    Response again =
        HttpProbe.post(
            node.url("/api/v1/validations/" + id + "/cancel"),
            "",
            "Authorization",
            "Bearer " + token);
    assertThat(again.status()).isEqualTo(409);
    assertThat(get(token, id).json().getString("error")).isEqualTo("cancelled by its owner");
  }

  @Test
  @DisplayName(
      "counts a user's day — uploads, bytes, validations, rows, compute — and keeps it theirs")
  void usage() throws Exception {
    String own = node.newAccessToken();
    String csv = TestDatasets.people(120, 11);
    String first = TestDatasets.ready(node, own, "lineage.csv", csv);
    String second = TestDatasets.ready(node, own, "lineage.csv", TestDatasets.people(150, 12));
    String a =
        completed(
            own, new JsonObject().put("dataset_id", first).put("reference_dataset_id", second));
    String b =
        completed(
            own, new JsonObject().put("dataset_id", second).put("reference_dataset_id", first));
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();

    JsonObject usage =
        HttpProbe.get(
                node.url("/api/v1/analytics/usage?from=" + today + "&to=" + today),
                "Authorization",
                "Bearer " + own)
            .json();
    JsonObject history =
        HttpProbe.get(
                node.url("/api/v1/analytics/validations/history?name=lineage.csv"),
                "Authorization",
                "Bearer " + own)
            .json();
    JsonObject oneDataset =
        HttpProbe.get(
                node.url("/api/v1/analytics/validations/history?dataset_id=" + first),
                "Authorization",
                "Bearer " + own)
            .json();

    JsonObject day = usage.getJsonArray("days").getJsonObject(0);
    assertThat(usage.getJsonArray("days")).hasSize(1);
    assertThat(day.getLong("datasets_uploaded")).isEqualTo(2);
    long bytes =
        csv.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            + TestDatasets.people(150, 12).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    assertThat(day.getLong("bytes_uploaded")).isEqualTo(bytes);
    assertThat(day.getJsonObject("validations").getLong("completed")).isEqualTo(2);
    assertThat(day.getLong("rows_processed")).isEqualTo(2 * (120 + 150));
    assertThat(day.getDouble("compute_seconds")).isPositive();
    assertThat(
            history.getJsonArray("points").stream()
                .map(p -> ((JsonObject) p).getString("validation_id")))
        .containsExactly(a, b);
    JsonObject point = oneDataset.getJsonArray("points").getJsonObject(0);
    assertThat(oneDataset.getJsonArray("points")).hasSize(1);
    assertThat(point.getDouble("score")).isEqualTo(get(own, a).json().getDouble("score"));
    assertThat(point.getJsonObject("sections").getDouble("fidelity")).isBetween(0.0, 1.0);

    String stranger = node.newAccessToken();
    JsonObject strangers =
        HttpProbe.get(
                node.url("/api/v1/analytics/usage?from=" + today + "&to=" + today),
                "Authorization",
                "Bearer " + stranger)
            .json();
    assertThat(strangers.getJsonArray("days").getJsonObject(0).getLong("datasets_uploaded"))
        .isZero();
    Response spying =
        HttpProbe.get(
            node.url("/api/v1/analytics/usage?user_id=" + UUID.randomUUID()),
            "Authorization",
            "Bearer " + stranger);
    Response tooLong =
        HttpProbe.get(
            node.url("/api/v1/analytics/usage?from=2020-01-01&to=2026-01-01"),
            "Authorization",
            "Bearer " + stranger);
    Response both =
        HttpProbe.get(
            node.url("/api/v1/analytics/validations/history?name=x&dataset_id=" + first),
            "Authorization",
            "Bearer " + stranger);
    assertThat(spying.status()).isEqualTo(403);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(both.status()).isEqualTo(400);
  }

  /** Asks for a validation and follows its events until it completes; answers its id. */
  private static String completed(JsonObject body) throws Exception {
    return completed(token, body);
  }

  private static String completed(String bearer, JsonObject body) throws Exception {
    Response created = create(bearer, body);
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    String id = created.json().getString("validation_id");
    List<Event> events = events(bearer, id, null).events();
    assertThat(events.get(events.size() - 1).data().getString("status")).isEqualTo("completed");
    return id;
  }

  private static Response create(String bearer, JsonObject body, String... headers) {
    return TestValidations.ask(node, bearer, body, headers);
  }

  private static Response get(String bearer, String id) {
    return HttpProbe.get(
        node.url("/api/v1/validations/" + id), "Authorization", "Bearer " + bearer);
  }

  private static EventStream.Outcome events(String bearer, String id, Long lastEventId)
      throws Exception {
    String url = node.url("/api/v1/validations/" + id + "/events");
    return lastEventId == null
        ? EventStream.read(url, event -> {}, "Authorization", "Bearer " + bearer)
        : EventStream.read(
            url,
            event -> {},
            "Authorization",
            "Bearer " + bearer,
            "Last-Event-ID",
            String.valueOf(lastEventId));
  }
}
