package io.synthos.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestResources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Negative testing driven by the API contract: for every operation, requests built from its own
 * schemas and then broken one rule at a time — a member of the wrong type, out of its bounds, not
 * in its enum, missing when required, unknown; a path or query parameter of the wrong shape — plus
 * seeded random combinations. Whatever the server thinks of them, it must never answer 5xx, and
 * every refusal is a problem detail.
 */
@Tag("slow")
@DisplayName("Negative requests from the contract")
class ContractNegativeTest {

  private static final int RANDOM_CASES_PER_OPERATION = 20;

  @RegisterExtension static final NodeExtension node = new NodeExtension();

  private static Map<String, Object> contract;
  private static String token;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() throws IOException {
    contract = TestResources.yaml("/openapi.yaml");
    token = node.newAccessToken();
  }

  /** One request to send: its method, path with query, JSON body (or null) and a label. */
  private record Case(String method, String url, String body, String label) {}

  @Test
  @DisplayName("no broken request to any operation gets a 5xx; every 4xx is problem+json")
  @SuppressWarnings("unchecked")
  void noServerErrors() {
    Random random = new Random(912L);
    List<Case> cases = new ArrayList<>();
    Map<String, Map<String, Object>> paths =
        (Map<String, Map<String, Object>>) contract.get("paths");
    paths.forEach(
        (template, item) ->
            item.forEach(
                (method, operation) -> {
                  if (operation instanceof Map<?, ?> op && op.containsKey("operationId")) {
                    cases.addAll(casesFor(template, method, (Map<String, Object>) op, random));
                  }
                }));
    assertThat(cases).as("cases generated from the contract").hasSizeGreaterThan(500);

    List<String> failures = new ArrayList<>();
    for (Case request : cases) {
      Response answer =
          HttpProbe.send(
              request.method(),
              node.url(request.url()),
              request.body() == null
                  ? new byte[0]
                  : request.body().getBytes(StandardCharsets.UTF_8),
              "Authorization",
              "Bearer " + token,
              "Content-Type",
              "application/json");
      // 414 (URI too long) and 431 come from the HTTP codec before any handler runs.
      boolean problem =
          answer.contentType().startsWith("application/problem+json")
              || answer.status() == 414
              || answer.status() == 431;
      if (answer.status() >= 500 || (answer.status() >= 400 && !problem)) {
        failures.add(
            answer.status()
                + " "
                + request.label()
                + " "
                + request.method()
                + " "
                + request.url()
                + " "
                + request.body()
                + " -> "
                + answer.body());
      }
    }
    assertThat(failures).as("server errors or refusals without a problem detail").isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static List<Case> casesFor(
      String template, String method, Map<String, Object> operation, Random random) {
    String verb = method.toUpperCase(Locale.ROOT);
    List<Map<String, Object>> parameters = new ArrayList<>();
    for (Object parameter : (List<Object>) operation.getOrDefault("parameters", List.of())) {
      parameters.add(resolve((Map<String, Object>) parameter));
    }
    Map<String, Object> bodySchema = jsonBodySchema(operation);
    JsonObject validBody = bodySchema == null ? null : (JsonObject) example(bodySchema, 0);
    String path = withPathParameters(template, parameters, null);
    List<Case> cases = new ArrayList<>();

    // Path parameters of the wrong shape.
    for (Map<String, Object> parameter : parameters) {
      if ("path".equals(parameter.get("in"))) {
        for (String bad : List.of("not-a-uuid", "%00", "..%2F..%2Fetc", "x".repeat(300), "-1")) {
          cases.add(
              new Case(
                  verb,
                  withPathParameters(template, parameters, bad),
                  body(validBody),
                  "path " + bad));
        }
      }
    }
    // Query parameters broken one at a time.
    for (Map<String, Object> parameter : parameters) {
      if ("query".equals(parameter.get("in"))) {
        for (Object bad : badValues((Map<String, Object>) parameter.get("schema"))) {
          cases.add(
              new Case(
                  verb,
                  path
                      + "?"
                      + parameter.get("name")
                      + "="
                      + URLEncoder.encode(String.valueOf(bad), StandardCharsets.UTF_8),
                  body(validBody),
                  "query " + parameter.get("name")));
        }
      }
    }
    if (bodySchema != null) {
      Map<String, Object> properties =
          (Map<String, Object>) schema(bodySchema).getOrDefault("properties", Map.of());
      List<String> required = (List<String>) schema(bodySchema).getOrDefault("required", List.of());
      cases.add(new Case(verb, path, body(validBody), "valid-looking body"));
      for (var property : properties.entrySet()) {
        for (Object bad : badValues((Map<String, Object>) property.getValue())) {
          cases.add(
              new Case(
                  verb,
                  path,
                  validBody.copy().put(property.getKey(), bad).encode(),
                  "member " + property.getKey()));
        }
      }
      for (String name : required) {
        JsonObject missing = validBody.copy();
        missing.remove(name);
        cases.add(new Case(verb, path, missing.encode(), "missing " + name));
      }
      cases.add(
          new Case(
              verb,
              path,
              validBody.copy().put("owner_id", UUID.randomUUID().toString()).encode(),
              "unknown member"));
      // Seeded combinations: several members broken at once.
      List<String> names = List.copyOf(properties.keySet());
      for (int i = 0; i < RANDOM_CASES_PER_OPERATION && !names.isEmpty(); i++) {
        JsonObject mixed = validBody.copy();
        for (int j = 0; j < 1 + random.nextInt(3); j++) {
          String name = names.get(random.nextInt(names.size()));
          List<Object> bad = badValues((Map<String, Object>) properties.get(name));
          mixed.put(name, bad.get(random.nextInt(bad.size())));
        }
        cases.add(new Case(verb, path, mixed.encode(), "random"));
      }
    }
    return cases;
  }

  private static String body(JsonObject body) {
    return body == null ? null : body.encode();
  }

  private static String withPathParameters(
      String template, List<Map<String, Object>> parameters, String value) {
    String path = template;
    for (Map<String, Object> parameter : parameters) {
      if ("path".equals(parameter.get("in"))) {
        path =
            path.replace(
                "{" + parameter.get("name") + "}",
                value == null ? UUID.randomUUID().toString() : value);
      }
    }
    return path;
  }

  /** Values that break the schema: wrong types, out of bounds, not in the enum, overlong. */
  @SuppressWarnings("unchecked")
  private static List<Object> badValues(Map<String, Object> declared) {
    Map<String, Object> schema = schema(declared == null ? Map.of() : declared);
    List<Object> bad = new ArrayList<>();
    bad.add(null);
    bad.add(new JsonObject().put("$where", "1"));
    bad.add(new JsonArray().add(1).add("two"));
    bad.add("x".repeat(10_000));
    bad.add(-1);
    bad.add(Long.MAX_VALUE);
    bad.add(1.5e308);
    bad.add(true);
    bad.add("");
    bad.add("not-a-" + schema.getOrDefault("format", "value"));
    if (schema.get("maximum") instanceof Number max) {
      bad.add(max.longValue() + 1);
    }
    if (schema.get("minimum") instanceof Number min) {
      bad.add(min.longValue() - 1);
    }
    if (schema.get("maxLength") instanceof Number max) {
      bad.add("y".repeat(max.intValue() + 1));
    }
    if (schema.containsKey("enum")) {
      bad.add("none-of-" + ((List<Object>) schema.get("enum")).size());
    }
    if ("array".equals(schema.get("type"))) {
      JsonArray many = new JsonArray();
      for (int i = 0; i < 2_000; i++) {
        many.add(UUID.randomUUID().toString());
      }
      bad.add(many);
    }
    return bad;
  }

  /** A value that satisfies the schema as far as a generator can without knowing the data. */
  @SuppressWarnings("unchecked")
  private static Object example(Map<String, Object> declared, int depth) {
    Map<String, Object> schema = schema(declared);
    if (schema.containsKey("enum")) {
      return ((List<Object>) schema.get("enum")).get(0);
    }
    Object type = schema.get("type");
    if (type instanceof List<?> types) {
      type =
          types.stream()
              .map(String::valueOf)
              .filter(t -> !"null".equals(t))
              .findFirst()
              .orElse("string");
    }
    if (type == null && schema.containsKey("properties")) {
      type = "object";
    }
    if ("object".equals(type)) {
      JsonObject object = new JsonObject();
      if (depth > 4) {
        return object;
      }
      Map<String, Object> properties =
          (Map<String, Object>) schema.getOrDefault("properties", Map.of());
      for (String name : (List<String>) schema.getOrDefault("required", List.of())) {
        Object property = properties.get(name);
        object.put(
            name, property == null ? "x" : example((Map<String, Object>) property, depth + 1));
      }
      return object;
    }
    if ("array".equals(type)) {
      return new JsonArray();
    }
    if ("integer".equals(type) || "number".equals(type)) {
      return schema.get("minimum") instanceof Number min ? min : 1;
    }
    if ("boolean".equals(type)) {
      return true;
    }
    Object format = schema.get("format");
    if ("uuid".equals(format)) {
      return UUID.randomUUID().toString();
    }
    if ("date-time".equals(format)) {
      return "2026-11-27T00:00:00Z";
    }
    if ("date".equals(format)) {
      return "2026-11-27";
    }
    if ("email".equals(format)) {
      return "someone@example.com";
    }
    int length = schema.get("minLength") instanceof Number min ? Math.max(1, min.intValue()) : 1;
    return "a".repeat(length);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> jsonBodySchema(Map<String, Object> operation) {
    Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
    if (body == null) {
      return null;
    }
    Map<String, Object> content = (Map<String, Object>) body.get("content");
    Map<String, Object> json = (Map<String, Object>) content.get("application/json");
    return json == null ? null : (Map<String, Object>) json.get("schema");
  }

  /** The schema itself, following a {@code $ref} into components. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> schema(Map<String, Object> declared) {
    return resolve(declared);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resolve(Map<String, Object> maybeRef) {
    Map<String, Object> current = maybeRef;
    while (current.containsKey("$ref")) {
      String[] parts = current.get("$ref").toString().replace("#/", "").split("/");
      Object target = contract;
      for (String part : parts) {
        target = ((Map<String, Object>) target).get(part);
      }
      current = (Map<String, Object>) target;
    }
    return current;
  }
}
