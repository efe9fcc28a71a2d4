package io.synthos.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.EventStream;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestDatasets;
import io.synthos.testing.TestResources;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Broken object-level authorisation, route by route: user B, holding user A's ids, gets 404 from
 * every operation whose path names a resource, exactly as for an id that does not exist — and A's
 * resources are unchanged afterwards. The operations are read from the API contract the router is
 * built from, so a new {@code {id}} route is checked the day it is added (or fails here until it
 * has a fixture).
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Ownership: someone else's ids")
class OwnershipTest {

  @RegisterExtension static final NodeExtension node = NodeExtension.allServices();

  private static final Pattern RESOURCE = Pattern.compile("^/api/v1/(?:auth/)?([a-z-]+)/\\{id}");

  /**
   * Paths whose placeholder is not an owned resource's id, and why they are safe. The upload token
   * is itself the credential (unguessable, single-use, short-lived), like a pre-signed URL.
   */
  private static final Map<String, String> NOT_OWNED =
      Map.of("/api/v1/datasets/uploads/{token}", "the token is the credential");

  /** Bodies that pass the contract, so a refusal can only be the ownership check. */
  private static final Map<String, String> BODIES =
      Map.of(
          "updateDatasetSchema", "{\"column_types\":{\"age\":\"categorical\"}}",
          "revokeWarranty", "{\"reason\":\"not mine to revoke\"}");

  private static String tokenA;
  private static String tokenB;
  private static final Map<String, String> idsOfA = new HashMap<>();

  @BeforeAll
  static void resourcesOfA() throws Exception {
    tokenA = node.newSession().getString("access_token");
    tokenB = node.newSession().getString("access_token");
    String real = TestDatasets.ready(node, tokenA, "real.csv", TestDatasets.people(300, 1));
    String synthetic =
        TestDatasets.ready(node, tokenA, "synthetic.csv", TestDatasets.people(300, 2));
    idsOfA.put("datasets", synthetic);

    Response validation =
        postA(
            "/api/v1/validations/create",
            new JsonObject()
                .put("dataset_id", synthetic)
                .put("reference_dataset_id", real)
                .put("options", new JsonObject().put("priority", "express")));
    assertThat(validation.status()).as(validation.body()).isEqualTo(202);
    String validationId = validation.json().getString("validation_id");
    idsOfA.put("validations", validationId);
    EventStream.read(
        node.url("/api/v1/validations/" + validationId + "/events"),
        event -> {},
        "Authorization",
        "Bearer " + tokenA);

    Response warranty =
        postA(
            "/api/v1/warranties/request",
            new JsonObject().put("validation_id", validationId).put("tier", "basic"));
    assertThat(warranty.status()).as(warranty.body()).isEqualTo(201);
    idsOfA.put("warranties", warranty.json().getString("warranty_id"));

    // A job and a pipeline of A's, whatever state they reach while B tries them.
    Response job =
        postA(
            "/api/v1/jobs",
            new JsonObject()
                .put("type", "noop")
                .put("priority", "batch")
                .put("payload", new JsonObject()));
    assertThat(job.status()).as(job.body()).isEqualTo(202);
    idsOfA.put("jobs", job.json().getString("id"));
    Response pipeline =
        postA(
            "/api/v1/pipelines/validation",
            new JsonObject()
                .put("priority", "batch")
                .put(
                    "input",
                    new JsonObject()
                        .put("dataset_id", synthetic)
                        .put("reference_dataset_id", real)));
    assertThat(pipeline.status()).as(pipeline.body()).isEqualTo(202);
    idsOfA.put("pipelines", pipeline.json().getString("id"));

    Response key = postA("/api/v1/auth/api-keys", new JsonObject().put("name", "ci"));
    assertThat(key.status()).as(key.body()).isEqualTo(201);
    idsOfA.put("api-keys", key.json().getString("id"));
  }

  @TestFactory
  @Order(1)
  @DisplayName("every operation on a path with an id answers B with 404 problem+json")
  Stream<DynamicTest> everyIdRoute() {
    List<DynamicTest> tests = new ArrayList<>();
    for (var path : contractPaths().entrySet()) {
      if (!path.getKey().contains("{") || NOT_OWNED.containsKey(path.getKey())) {
        continue;
      }
      for (var operation : path.getValue().entrySet()) {
        String method = operation.getKey().toUpperCase(Locale.ROOT);
        String operationId = String.valueOf(operation.getValue().get("operationId"));
        String template = path.getKey();
        tests.add(
            DynamicTest.dynamicTest(
                method + " " + template, () -> assertRefused(method, template, operationId)));
      }
    }
    assertThat(tests).as("operations found in the contract").hasSizeGreaterThan(15);
    return tests.stream();
  }

  @Test
  @Order(2)
  @DisplayName("leaves every resource of A as it was")
  void nothingChanged() {
    for (String kind : List.of("datasets", "validations", "warranties", "jobs", "pipelines")) {
      Response own = getA("/api/v1/" + kind + "/" + idsOfA.get(kind));
      assertThat(own.status()).as(kind + ": " + own.body()).isEqualTo(200);
    }
    assertThat(getA("/api/v1/warranties/" + idsOfA.get("warranties")).json().getBoolean("revoked"))
        .isFalse();
    assertThat(getA("/api/v1/jobs/" + idsOfA.get("jobs")).json().getString("state"))
        .isNotEqualTo("cancelled");
    assertThat(getA("/api/v1/pipelines/" + idsOfA.get("pipelines")).json().getString("state"))
        .isNotEqualTo("cancelled");
    assertThat(getA("/api/v1/datasets/" + idsOfA.get("datasets")).json().getString("status"))
        .isEqualTo("ready");
    assertThat(getA("/api/v1/auth/api-keys").body()).contains(idsOfA.get("api-keys"));
  }

  @Test
  @Order(3)
  @DisplayName("refuses B a validation or warranty built on A's data, like an unknown id")
  void idsInBodies() {
    Response validation =
        postB(
            "/api/v1/validations/create",
            new JsonObject().put("dataset_id", idsOfA.get("datasets")));
    assertThat(validation.status()).as(validation.body()).isEqualTo(404);
    Response warranty =
        postB(
            "/api/v1/warranties/request",
            new JsonObject().put("validation_id", idsOfA.get("validations")).put("tier", "basic"));
    assertThat(warranty.status()).as(warranty.body()).isEqualTo(404);
    Response listed =
        HttpProbe.get(
            node.url("/api/v1/warranties?validation_id=" + idsOfA.get("validations")),
            "Authorization",
            "Bearer " + tokenB);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().getJsonArray("items")).isEmpty();
  }

  private static void assertRefused(String method, String template, String operationId) {
    Matcher kind = RESOURCE.matcher(template);
    assertThat(kind.find()).as("a resource kind in " + template).isTrue();
    String id = idsOfA.get(kind.group(1));
    assertThat(id).as("a fixture of A's for " + template).isNotNull();
    String url = node.url(template.replace("{id}", id));
    String body = BODIES.getOrDefault(operationId, "");
    Response answer =
        HttpProbe.send(
            method,
            url,
            body.getBytes(StandardCharsets.UTF_8),
            "Authorization",
            "Bearer " + tokenB,
            "Content-Type",
            "application/json",
            "Accept",
            "*/*");
    assertThat(answer.status()).as(method + " " + url + " → " + answer.body()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Map<String, Object>>> contractPaths() {
    Map<String, Object> root = TestResources.yaml("/openapi.yaml");
    Map<String, Map<String, Map<String, Object>>> paths = new TreeMap<>();
    ((Map<String, Map<String, Object>>) root.get("paths"))
        .forEach(
            (path, item) -> {
              Map<String, Map<String, Object>> operations = new TreeMap<>();
              item.forEach(
                  (method, operation) -> {
                    if (operation instanceof Map<?, ?> map && map.containsKey("operationId")) {
                      operations.put(method, (Map<String, Object>) map);
                    }
                  });
              paths.put(path, operations);
            });
    return paths;
  }

  private static Response getA(String path) {
    return HttpProbe.get(node.url(path), "Authorization", "Bearer " + tokenA);
  }

  private static Response postA(String path, JsonObject body) {
    return HttpProbe.postJson(node.url(path), body, "Authorization", "Bearer " + tokenA);
  }

  private static Response postB(String path, JsonObject body) {
    return HttpProbe.postJson(node.url(path), body, "Authorization", "Bearer " + tokenB);
  }
}
