package io.synthos.security;

import io.synthos.testing.TestResources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Where the API contract lets a request body name a dataset: every member called {@code
 * *dataset_id*} or {@code generations}, in every operation's JSON body, including the payload of
 * each job type (the {@code if type … then payload …} branches). It also builds, from the same
 * schemas, a body that the contract accepts, with every dataset member filled.
 */
final class ContractDatasetMembers {

  /** One body shape: an operation, and for jobs the type whose payload it is. */
  record Shape(String method, String path, String operationId, String jobType) {
    @Override
    public String toString() {
      return method + " " + path + (jobType == null ? "" : " (" + jobType + ")");
    }
  }

  /** A member of a body that names a dataset: its path from the body's root, and whether a list. */
  record Member(List<String> path, boolean list) {
    @Override
    public String toString() {
      return String.join(".", path) + (list ? "[]" : "");
    }
  }

  private final Map<String, Object> schemas;
  private final Map<String, Object> parameters;
  private final List<String> queryFilters = new ArrayList<>();
  private final Map<Shape, Map<String, Object>> bodies = new LinkedHashMap<>();
  private final Map<Shape, List<Member>> members = new LinkedHashMap<>();

  @SuppressWarnings("unchecked")
  private ContractDatasetMembers(Map<String, Object> root) {
    Map<String, Object> components = (Map<String, Object>) root.get("components");
    this.schemas = (Map<String, Object>) components.get("schemas");
    this.parameters = (Map<String, Object>) components.get("parameters");
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) root.get("paths");
    new TreeMap<>(paths)
        .forEach(
            (path, item) ->
                item.forEach(
                    (method, operation) -> {
                      if (operation instanceof Map<?, ?> map && map.containsKey("operationId")) {
                        if (method.equals("get")) {
                          addQueryFilters(path, (Map<String, Object>) map);
                        }
                        Map<String, Object> body = jsonBody((Map<String, Object>) map);
                        if (body != null) {
                          add(
                              method.toUpperCase(Locale.ROOT),
                              path,
                              String.valueOf(map.get("operationId")),
                              body);
                        }
                      }
                    }));
  }

  static ContractDatasetMembers read() {
    return new ContractDatasetMembers(TestResources.yaml("/openapi.yaml"));
  }

  /** Every GET with a query parameter naming a dataset, as {@code /path?name=}. */
  List<String> queryFilters() {
    return queryFilters;
  }

  /** Every body shape with at least one dataset member, and those members. */
  Map<Shape, List<Member>> members() {
    return members;
  }

  /**
   * A body of {@code shape} the contract accepts: its required members, every dataset member filled
   * with a distinct dataset from {@code datasets}, and the job type for a job.
   */
  JsonObject body(Shape shape, Supplier<String> datasets) {
    JsonObject body = (JsonObject) build(bodies.get(shape), shape.jobType(), datasets, true);
    for (Member member : members.get(shape)) {
      set(body, member, member.list() ? new JsonArray().add(datasets.get()) : datasets.get());
    }
    return body;
  }

  /** Puts {@code value} at the member's place, making the objects on the way. */
  static void set(JsonObject body, Member member, Object value) {
    JsonObject at = body;
    for (String step : member.path().subList(0, member.path().size() - 1)) {
      if (at.getJsonObject(step) == null) {
        at.put(step, new JsonObject());
      }
      at = at.getJsonObject(step);
    }
    at.put(member.path().get(member.path().size() - 1), value);
  }

  @SuppressWarnings("unchecked")
  private void addQueryFilters(String path, Map<String, Object> operation) {
    for (Object listed : (List<Object>) operation.getOrDefault("parameters", List.of())) {
      Map<String, Object> parameter = (Map<String, Object>) listed;
      if (parameter.get("$ref") instanceof String ref) {
        parameter = (Map<String, Object>) parameters.get(ref.substring(ref.lastIndexOf('/') + 1));
      }
      String name = String.valueOf(parameter.get("name"));
      if ("query".equals(parameter.get("in")) && names(name)) {
        queryFilters.add(path + "?" + name + "=");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> jsonBody(Map<String, Object> operation) {
    if (!(operation.get("requestBody") instanceof Map<?, ?> requestBody)
        || !(requestBody.get("content") instanceof Map<?, ?> content)
        || !(content.get("application/json") instanceof Map<?, ?> json)) {
      return null;
    }
    return (Map<String, Object>) json.get("schema");
  }

  private void add(String method, String path, String operationId, Map<String, Object> schema) {
    Map<String, List<Member>> byJobType = new LinkedHashMap<>();
    walk(schema, List.of(), null, byJobType);
    byJobType.forEach(
        (jobType, found) -> {
          Shape shape = new Shape(method, path, operationId, jobType.isEmpty() ? null : jobType);
          bodies.put(shape, schema);
          members.put(shape, found);
        });
  }

  /** Collects dataset members under {@code schema}, by job type ("" outside any job branch). */
  @SuppressWarnings("unchecked")
  private void walk(
      Map<String, Object> schema,
      List<String> path,
      String jobType,
      Map<String, List<Member>> found) {
    Map<String, Object> resolved = resolve(schema);
    if (resolved.get("properties") instanceof Map<?, ?> properties) {
      ((Map<String, Object>) properties)
          .forEach(
              (name, property) -> {
                List<String> at = append(path, name);
                Map<String, Object> child = resolve((Map<String, Object>) property);
                if (names(name)) {
                  found
                      .computeIfAbsent(jobType == null ? "" : jobType, t -> new ArrayList<>())
                      .add(new Member(at, "array".equals(child.get("type"))));
                } else {
                  walk(child, at, jobType, found);
                }
              });
    }
    if (resolved.get("items") instanceof Map<?, ?> items) {
      Map<String, List<Member>> inside = new LinkedHashMap<>();
      walk((Map<String, Object>) items, append(path, "[]"), jobType, inside);
      if (!inside.isEmpty()) {
        throw new IllegalStateException(
            "a dataset member inside a list of objects at " + path + ": teach this test about it");
      }
    }
    for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
      if (resolved.get(combinator) instanceof List<?> branches) {
        for (Object branch : branches) {
          Map<String, Object> one = (Map<String, Object>) branch;
          if (one.containsKey("if")) {
            walk((Map<String, Object>) one.get("then"), path, jobTypeOf(one), found);
          } else {
            walk(one, path, jobType, found);
          }
        }
      }
    }
  }

  /** A value for {@code schema}: objects get their required members, for the job type given. */
  @SuppressWarnings("unchecked")
  private Object build(
      Map<String, Object> schema, String jobType, Supplier<String> datasets, boolean top) {
    Map<String, Object> resolved = resolve(schema);
    if (resolved.containsKey("const")) {
      return resolved.get("const");
    }
    Object type = resolved.get("type");
    if ("object".equals(type) || resolved.containsKey("properties")) {
      Map<String, Object> properties =
          new LinkedHashMap<>((Map<String, Object>) resolved.getOrDefault("properties", Map.of()));
      if (resolved.get("allOf") instanceof List<?> branches) {
        for (Object branch : branches) {
          Map<String, Object> one = (Map<String, Object>) branch;
          if (one.containsKey("if") && jobTypeOf(one).equals(jobType)) {
            properties.putAll(
                (Map<String, Object>)
                    ((Map<String, Object>) one.get("then")).getOrDefault("properties", Map.of()));
          }
        }
      }
      JsonObject object = new JsonObject();
      for (Object name : (List<Object>) resolved.getOrDefault("required", List.of())) {
        String member = String.valueOf(name);
        object.put(
            member,
            top && jobType != null && member.equals("type")
                ? jobType
                : build((Map<String, Object>) properties.get(member), jobType, datasets, false));
      }
      return object;
    }
    if ("array".equals(type)) {
      return new JsonArray();
    }
    if (resolved.get("enum") instanceof List<?> values) {
      return values.get(0);
    }
    if ("string".equals(type) && "uuid".equals(resolved.get("format"))) {
      return datasets.get();
    }
    throw new IllegalStateException("no value for a required member of schema " + resolved);
  }

  @SuppressWarnings("unchecked")
  private static String jobTypeOf(Map<String, Object> branch) {
    Map<String, Object> condition = (Map<String, Object>) branch.get("if");
    Map<String, Object> properties = (Map<String, Object>) condition.get("properties");
    return String.valueOf(((Map<String, Object>) properties.get("type")).get("const"));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> resolve(Map<String, Object> schema) {
    Map<String, Object> at = schema;
    while (at.get("$ref") instanceof String ref) {
      at = (Map<String, Object>) schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return at;
  }

  private static boolean names(String member) {
    return member.contains("dataset_id") || member.equals("generations");
  }

  private static List<String> append(List<String> path, String name) {
    List<String> longer = new ArrayList<>(path);
    longer.add(name);
    return List.copyOf(longer);
  }
}
