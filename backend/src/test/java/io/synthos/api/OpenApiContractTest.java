package io.synthos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.testing.TestResources;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.ContractErrorType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIContractException;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Response;
import io.vertx.openapi.validation.ValidatorException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI contract of the REST API ({@code openapi.yaml}) and the Swagger UI page that shows
 * it.
 *
 * <p>vertx-openapi 5.0.7 cannot load the served document as it is: it refuses {@code
 * application/problem+json} responses, so it gets a copy without those bodies (see {@link
 * #forVertxOpenApi}). And its router puts an authentication handler of its own in front of every
 * secured operation; the API's handler must set the Vert.x user first to get past it.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The OpenAPI contract")
@Tag("slow")
class OpenApiContractTest {

  private static final String CONTRACT = "openapi.yaml";
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /** Every operation the code looks up by id, where it lives, and whether it needs credentials. */
  private record Expected(String operationId, String route, boolean secured) {}

  private static final List<Expected> OPERATIONS =
      List.of(
          new Expected("getLiveness", "GET /health", false),
          new Expected("getReadiness", "GET /health/ready", false),
          new Expected("register", "POST /api/v1/auth/register", false),
          new Expected("login", "POST /api/v1/auth/login", false),
          new Expected("refresh", "POST /api/v1/auth/refresh", false),
          new Expected("logout", "POST /api/v1/auth/logout", true),
          new Expected("changePassword", "POST /api/v1/auth/password", true),
          new Expected("getMe", "GET /api/v1/auth/me", true),
          new Expected("createApiKey", "POST /api/v1/auth/api-keys", true),
          new Expected("listApiKeys", "GET /api/v1/auth/api-keys", true),
          new Expected("revokeApiKey", "DELETE /api/v1/auth/api-keys/{id}", true),
          new Expected("submitJob", "POST /api/v1/jobs", true),
          new Expected("listJobs", "GET /api/v1/jobs", true),
          new Expected("getJob", "GET /api/v1/jobs/{id}", true),
          new Expected("cancelJob", "POST /api/v1/jobs/{id}/cancel", true),
          new Expected("retryJob", "POST /api/v1/jobs/{id}/retry", true),
          new Expected("createValidationPipeline", "POST /api/v1/pipelines/validation", true),
          new Expected("createFullPipeline", "POST /api/v1/pipelines/full", true),
          new Expected("getPipeline", "GET /api/v1/pipelines/{id}", true),
          new Expected("cancelPipeline", "POST /api/v1/pipelines/{id}/cancel", true),
          new Expected("getResourceStatus", "GET /api/v1/resources/status", true),
          new Expected("createDataset", "POST /api/v1/datasets", true),
          new Expected("listDatasets", "GET /api/v1/datasets", true),
          new Expected("initiateDatasetUpload", "POST /api/v1/datasets/upload", true),
          new Expected("uploadDatasetContent", "PUT /api/v1/datasets/uploads/{token}", false),
          new Expected("getDatasetUploadProgress", "GET /api/v1/datasets/uploads/{token}", false),
          new Expected("getDataset", "GET /api/v1/datasets/{id}", true),
          new Expected("deleteDataset", "DELETE /api/v1/datasets/{id}", true),
          new Expected("completeDatasetUpload", "POST /api/v1/datasets/{id}/complete", true),
          new Expected("getDatasetContent", "GET /api/v1/datasets/{id}/content", true),
          new Expected("updateDatasetSchema", "PATCH /api/v1/datasets/{id}/schema", true));

  /** Operations that take a login only: an API key cannot create keys or change the password. */
  private static final Set<String> LOGIN_ONLY = Set.of("createApiKey", "changePassword");

  /** Operations whose body is streamed as sent, not JSON; the router skips their validation. */
  private static final Set<String> STREAMING = Set.of("createDataset", "uploadDatasetContent");

  /** The error response every status refers to, in {@code components/responses}. */
  private static final Map<String, String> ERROR_RESPONSES =
      Map.of(
          "400", "BadRequest",
          "401", "Unauthorized",
          "403", "Forbidden",
          "404", "NotFound",
          "409", "Conflict",
          "413", "PayloadTooLarge",
          "415", "UnsupportedMediaType",
          "422", "UnprocessableContent",
          "429", "TooManyRequests",
          "503", "ServiceUnavailable");

  private JsonObject document;
  private OpenAPIContract contract;

  @BeforeEach
  void load(Vertx vertx) {
    document = readYaml(vertx, CONTRACT);
    contract = OpenAPIContract.from(vertx, ApiContract.forVertxOpenApi(document)).await();
  }

  @Test
  @DisplayName("is OpenAPI 3.1.0, and the 3.1 meta-schema accepts the document as served")
  void isValidOpenApi31(Vertx vertx) {
    assertThat(document.getString("openapi")).isEqualTo("3.1.0");
    assertThat(document.getJsonObject("info").getString("title")).isEqualTo("Synthos API");
    assertThat(document.getJsonObject("info").getString("version")).isEqualTo("0.1.0");
    assertThat(contract.getVersion()).isEqualTo(OpenAPIVersion.V3_1);

    OpenAPIVersion version = OpenAPIVersion.fromContract(document);
    var repository = version.getRepository(vertx, "app:///").await();
    var output = version.validateContract(vertx, repository, document).await();
    assertThat(output.getValid()).as("%s", output.getErrors()).isTrue();
  }

  @Test
  @DisplayName("is refused by vertx-openapi 5.0.7 as served, for application/problem+json only")
  void vertxOpenApiRefusesProblemJson(Vertx vertx) {
    // When this starts to load, forVertxOpenApi() can go.
    assertThatThrownBy(() -> OpenAPIContract.from(vertx, CONTRACT).await())
        .isInstanceOfSatisfying(
            OpenAPIContractException.class,
            e -> assertThat(e.type()).isEqualTo(ContractErrorType.UNSUPPORTED_FEATURE))
        .hasMessageContaining("unsupported media type");
  }

  @Test
  @DisplayName("has every operation the code looks up, at its method and path")
  void hasEveryOperation() {
    for (Expected expected : OPERATIONS) {
      Operation operation = contract.operation(expected.operationId());
      assertThat(operation).as(expected.operationId()).isNotNull();
      assertThat(operation.getHttpMethod() + " " + operation.getOpenAPIPath())
          .as(expected.operationId())
          .isEqualTo(expected.route());
    }
  }

  @Test
  @DisplayName("gives every operation an id, a summary, a description and a known tag")
  void describesEveryOperation() {
    assertThat(contract.operations()).isNotEmpty();
    for (Operation operation : contract.operations()) {
      JsonObject model = operation.getOpenAPIModel();
      String id = operation.getOperationId();
      assertThat(id).isNotBlank();
      assertThat(model.getString("summary")).as(id).isNotBlank();
      assertThat(model.getString("description")).as(id).isNotBlank();
      assertThat(operation.getTags())
          .as(id)
          .isNotEmpty()
          .isSubsetOf(
              "health",
              "auth",
              "api-keys",
              "datasets",
              "jobs",
              "pipelines",
              "resources",
              "validations",
              "warranties",
              "analytics");
    }
  }

  @Test
  @DisplayName(
      "says on every operation which credentials it takes: a login, and an API key with the scope"
          + " its method needs (read for GET, write otherwise), or none")
  void declaresSecurityOnEveryOperation() {
    for (JsonObject operation : rawOperations()) {
      String id = operation.getString("operationId");
      assertThat(operation.containsKey("security")).as(id).isTrue();
      if (operation.getJsonArray("security").isEmpty()) {
        continue;
      }
      JsonArray expected = new JsonArray().add(new JsonObject().put("bearerAuth", new JsonArray()));
      if (!LOGIN_ONLY.contains(id)) {
        String scope = contract.operation(id).getHttpMethod() == HttpMethod.GET ? "read" : "write";
        expected.add(new JsonObject().put("apiKeyAuth", new JsonArray().add(scope)));
      }
      assertThat(operation.getJsonArray("security")).as(id).isEqualTo(expected);
    }
    for (Expected expected : OPERATIONS) {
      assertThat(rawOperation(expected.operationId()).getJsonArray("security").isEmpty())
          .as(expected.operationId())
          .isEqualTo(!expected.secured());
    }
    // An operation that forgot its security would take a login only, never an API key.
    assertThat(document.getJsonArray("security"))
        .isEqualTo(new JsonArray().add(new JsonObject().put("bearerAuth", new JsonArray())));
  }

  @Test
  @DisplayName("defines bearer tokens (which also carry ApiKey) and the X-API-Key header")
  void definesSecuritySchemes() {
    JsonObject schemes = document.getJsonObject("components").getJsonObject("securitySchemes");
    JsonObject bearer = schemes.getJsonObject("bearerAuth");
    assertThat(bearer.getString("type")).isEqualTo("http");
    assertThat(bearer.getString("scheme")).isEqualTo("bearer");
    assertThat(bearer.getString("bearerFormat")).isEqualTo("JWT");
    assertThat(bearer.getString("description")).contains("Authorization: ApiKey <key>");
    JsonObject apiKey = schemes.getJsonObject("apiKeyAuth");
    assertThat(apiKey.getString("type")).isEqualTo("apiKey");
    assertThat(apiKey.getString("in")).isEqualTo("header");
    assertThat(apiKey.getString("name")).isEqualTo("X-API-Key");
  }

  @Test
  @DisplayName("lists 401, 403 and 429 on secured operations, and 429 on login and register")
  void documentsAuthAndRateLimitErrors() {
    for (JsonObject raw : rawOperations()) {
      String id = raw.getString("operationId");
      if (!raw.getJsonArray("security").isEmpty()) {
        assertThat(statuses(contract.operation(id))).as(id).contains("401", "403", "429");
      }
    }
    assertThat(statuses(contract.operation("login"))).contains("401", "429");
    assertThat(statuses(contract.operation("register"))).contains("429");
  }

  @Test
  @DisplayName("takes every body as JSON, required but a revocation's, uploads as bytes; 400, 413")
  void documentsBodyErrors() {
    List<Operation> withBody =
        contract.operations().stream().filter(op -> op.getRequestBody() != null).toList();
    assertThat(withBody)
        .extracting(Operation::getOperationId)
        .containsExactlyInAnyOrder(
            "register",
            "login",
            "refresh",
            "logout",
            "changePassword",
            "createApiKey",
            "submitJob",
            "createValidationPipeline",
            "createFullPipeline",
            "initiateDatasetUpload",
            "updateDatasetSchema",
            "createDataset",
            "uploadDatasetContent",
            "createValidation",
            "requestWarranty",
            "verifyWarranty",
            "revokeWarranty");
    for (Operation operation : withBody) {
      String id = operation.getOperationId();
      // A revocation's reason is optional, and so is the body that carries it.
      assertThat(operation.getRequestBody().isRequired())
          .as(id)
          .isEqualTo(!"revokeWarranty".equals(id));
      assertThat(statuses(operation)).as(id).contains("400", "413");
      if (STREAMING.contains(id)) {
        assertThat(operation.getRequestBody().getContent())
            .as(id)
            .containsKey("application/octet-stream");
      } else {
        assertThat(operation.getRequestBody().getContent())
            .as(id)
            .containsOnlyKeys("application/json");
        assertThat(statuses(operation)).as(id).contains("415");
      }
    }
    assertThat(contract.operation("createDataset").getRequestBody().getContent())
        .containsOnlyKeys("application/octet-stream", "multipart/form-data");
  }

  @Test
  @DisplayName("sends X-Request-Id with every response of every operation")
  void documentsRequestIdEverywhere() {
    for (Operation operation : contract.operations()) {
      for (String status : statuses(operation)) {
        assertThat(headers(operation, Integer.parseInt(status))).contains("X-Request-Id");
      }
    }
  }

  @Test
  @DisplayName("answers every error with a shared problem+json response of the right status")
  void answersErrorsWithProblems() {
    for (JsonObject operation : rawOperations()) {
      String id = operation.getString("operationId");
      JsonObject responses = operation.getJsonObject("responses");
      for (String status : responses.fieldNames()) {
        if (status.startsWith("2") || "getReadiness".equals(id)) {
          continue; // readiness answers 503 with its own JSON body, not a problem
        }
        assertThat(responses.getJsonObject(status).getString("$ref"))
            .as(id + " " + status)
            .isEqualTo("#/components/responses/" + ERROR_RESPONSES.get(status));
      }
    }
    JsonObject components = document.getJsonObject("components").getJsonObject("responses");
    assertThat(components.fieldNames())
        .containsExactlyInAnyOrderElementsOf(ERROR_RESPONSES.values());
    for (String name : components.fieldNames()) {
      JsonObject content = components.getJsonObject(name).getJsonObject("content");
      assertThat(content.fieldNames()).as(name).containsExactly(PROBLEM_JSON);
      assertThat(content.getJsonObject(PROBLEM_JSON).getJsonObject("schema").getString("$ref"))
          .as(name)
          .isEqualTo("#/components/schemas/Problem");
    }
  }

  @Test
  @DisplayName("describes a problem as RFC 9457 with request_id and per-field errors")
  void definesProblem() {
    JsonObject problem = schema("Problem");
    assertThat(problem.getJsonArray("required"))
        .containsExactlyInAnyOrder("type", "title", "status");
    JsonObject properties = problem.getJsonObject("properties");
    assertThat(properties.fieldNames())
        .containsExactlyInAnyOrder("type", "title", "status", "detail", "request_id", "errors");
    assertThat(properties.getJsonObject("type").getString("format")).isEqualTo("uri-reference");
    assertThat(properties.getJsonObject("status").getString("type")).isEqualTo("integer");
    assertThat(schema("ProblemError").getJsonArray("required")).containsExactly("message");
  }

  @Test
  @DisplayName(
      "says when to retry a 429, how to authenticate after a 401, where a 201 or 202 put it")
  void documentsErrorHeaders() {
    for (Operation operation : contract.operations()) {
      Set<String> statuses = statuses(operation);
      if (statuses.contains("429")) {
        assertThat(headers(operation, 429))
            .contains("Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
      }
      if (statuses.contains("401")) {
        assertThat(headers(operation, 401)).contains("WWW-Authenticate");
      }
      for (int created : new int[] {201, 202}) {
        if (statuses.contains(String.valueOf(created))) {
          assertThat(headers(operation, created)).contains("Location");
        }
      }
    }
  }

  @Test
  @DisplayName("pages API keys and jobs with the shared limit and cursor parameters")
  void pagesWithSharedParameters() {
    JsonArray parameters = rawOperation("listApiKeys").getJsonArray("parameters");
    assertThat(parameters)
        .containsExactly(
            new JsonObject().put("$ref", "#/components/parameters/Limit"),
            new JsonObject().put("$ref", "#/components/parameters/Cursor"));
    JsonObject shared = document.getJsonObject("components").getJsonObject("parameters");
    JsonObject limit = shared.getJsonObject("Limit").getJsonObject("schema");
    assertThat(limit.getMap())
        .containsEntry("type", "integer")
        .containsEntry("minimum", 1)
        .containsEntry("maximum", 100)
        .containsEntry("default", 20);
    assertThat(shared.getJsonObject("Cursor").getJsonObject("schema").getInteger("maxLength"))
        .isEqualTo(200);
    JsonObject nextCursor =
        schema("ApiKeyPage").getJsonObject("properties").getJsonObject("next_cursor");
    assertThat(nextCursor.getJsonArray("type")).containsExactly("string", "null");

    List<Object> jobFilters = rawOperation("listJobs").getJsonArray("parameters").getList();
    assertThat(jobFilters.subList(jobFilters.size() - 2, jobFilters.size()))
        .containsExactlyElementsOf(parameters.getList());
    assertThat(schema("JobPage").getJsonObject("properties").getJsonObject("next_cursor"))
        .isEqualTo(nextCursor);
  }

  @Test
  @DisplayName("closes job and pipeline requests to unknown members and bounds job resources")
  void boundsJobsAndPipelines() {
    for (String name :
        List.of("JobSubmitRequest", "ResourceRequest", "PipelineCreateRequest", "PipelineInput")) {
      assertThat(schema(name).getBoolean("additionalProperties")).as(name).isFalse();
    }
    JsonObject resources = schema("ResourceRequest").getJsonObject("properties");
    Map<String, Integer> maxima =
        Map.of("cpu_millis", 256_000, "memory_mib", 1_048_576, "gpus", 16);
    maxima.forEach(
        (name, maximum) -> {
          JsonObject bounds = resources.getJsonObject(name);
          assertThat(bounds.getString("type")).as(name).isEqualTo("integer");
          assertThat(bounds.getInteger("minimum")).as(name).isZero();
          assertThat(bounds.getInteger("maximum")).as(name).isEqualTo(maximum);
        });
    assertThat(schema("SubmittableJobType").getJsonArray("enum"))
        .containsExactly("noop", "data.check", "validation.validate", "collapse.analyse");
    assertThat(schema("JobType").getJsonArray("enum"))
        .contains("data.ingest")
        .containsAll(schema("SubmittableJobType").getJsonArray("enum"));
    assertThat(statuses(contract.operation("submitJob"))).contains("413", "422");
    assertThat(statuses(contract.operation("retryJob"))).contains("403", "409");
  }

  @Test
  @DisplayName("builds a router when every route skips the router's own security")
  void buildsRouter(Vertx vertx) {
    RouterBuilder builder = routerBuilder(vertx, contract);
    builder.getRoutes().forEach(route -> route.setDoSecurity(false));
    for (Expected expected : OPERATIONS) {
      assertThat(builder.getRoute(expected.operationId())).as(expected.operationId()).isNotNull();
    }
    assertThat(builder.createRouter()).isNotNull();
  }

  @Test
  @DisplayName("needs the caller known to Vert.x on secured operations when doSecurity is off")
  void securedOperationsNeedAUser(Vertx vertx) {
    RouterBuilder demanding = routerBuilder(vertx, contract);
    assertThatThrownBy(demanding::createRouter)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Missing security handler");

    // With two alternative schemes per operation the router still puts an empty "any" chain in
    // front of the handler; it fails every request whose context has no user.
    RouterBuilder anonymous = routerBuilder(vertx, contract);
    anonymous.getRoutes().forEach(route -> route.setDoSecurity(false));
    WebClient client = serve(vertx, anonymous.createRouter());
    assertThat(send(client.get("/health"), null, null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> me = send(client.get("/api/v1/auth/me"), null, null);
    assertThat(me.statusCode()).isEqualTo(500);
    assertThat(me.bodyAsString()).contains("No providers in the auth chain");

    // An authentication handler of the API's own, run first, sets the user: the chain lets it by.
    RouterBuilder authenticated = routerBuilder(vertx, contract);
    authenticated.rootHandler(loggedIn());
    authenticated.getRoutes().forEach(route -> route.setDoSecurity(false));
    client = serve(vertx, authenticated.createRouter());
    assertThat(send(client.get("/api/v1/auth/me"), null, null).statusCode()).isEqualTo(200);
  }

  /**
   * How the router's validation treats requests, where the contract decides: the answer is the
   * status and, on a 400, the {@link ValidatorException} type behind it.
   */
  @ParameterizedTest(name = "{0} {1} [{2}] {3} -> {4} {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          POST   | /api/v1/auth/register | application/json | {"email":"ada@example.com","password":"x","name":"Ada"} | 200 |
          POST   | /api/v1/auth/register | application/json | {"email":"ada@example.com","password":"x","name":"Ada","role":"admin"} | 400 | INVALID_VALUE
          POST   | /api/v1/auth/login    | application/json | {"email":"admin","password":"x","mfa":"skip"}      | 400 | INVALID_VALUE
          POST   | /api/v1/auth/register | application/json | {"email":"ad","password":"x","name":"Ada"}  | 400 | INVALID_VALUE
          POST   | /api/v1/auth/login    | application/json | {"email":"admin","password":"x"}                   | 200 |
          POST   | /api/v1/auth/login    | application/json | {"email":"admin"}                                  | 400 | INVALID_VALUE
          POST   | /api/v1/auth/login    | application/json; charset=utf-8 | {"email":"admin","password":"x"}    | 200 |
          POST   | /api/v1/auth/login    | text/plain       | {"email":"admin","password":"x"}                   | 400 | UNSUPPORTED_VALUE_FORMAT
          POST   | /api/v1/auth/login    |                  | {"email":"admin","password":"x"}                   | 400 | UNSUPPORTED_VALUE_FORMAT
          POST   | /api/v1/auth/login    | application/json | {"email":"admin",                                  | 400 | ILLEGAL_VALUE
          POST   | /api/v1/auth/login    | application/json | ''                                                 | 400 | MISSING_REQUIRED_PARAMETER
          POST   | /api/v1/auth/login    | application/json | [1,2]                                              | 400 | INVALID_VALUE
          POST   | /api/v1/auth/api-keys | application/json | {"name":""}                                        | 400 | INVALID_VALUE
          GET    | /api/v1/auth/api-keys?limit=100&cursor=abc |  |                                           | 200 |
          GET    | /api/v1/auth/api-keys?limit=101 |        |                                                    | 400 | INVALID_VALUE
          GET    | /api/v1/auth/api-keys?limit=0   |        |                                                    | 400 | INVALID_VALUE
          DELETE | /api/v1/auth/api-keys/0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c | |                             | 200 |
          DELETE | /api/v1/auth/api-keys/not-a-uuid |       |                                                    | 400 | INVALID_VALUE
          POST   | /api/v1/jobs | application/json | {"type":"noop","payload":{}}                              | 200 |
          POST   | /api/v1/jobs | application/json | {"type":"data.check","priority":"batch","payload":{"dataset_id":"0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c","generations":["1c9f4d2e-8b3a-4c5d-9e6f-7a8b9c0d1e2f"]},"resources":{"cpu_millis":256000,"memory_mib":1048576,"gpus":16},"max_attempts":20} | 200 |
          POST   | /api/v1/jobs | application/json | {"type":"data.check","payload":{"a":[1]}}                 | 400 | INVALID_VALUE
          POST   | /api/v1/jobs | application/json | {"type":"data.check","payload":{"dataset_id":"0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c","target_column":"y"}} | 400 | INVALID_VALUE
          POST   | /api/v1/jobs | application/json | {"type":"validation.validate","payload":{"dataset_id":"0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c","generations":[]}} | 400 | INVALID_VALUE
          POST   | /api/v1/jobs | application/json | {"type":"validation.validate","payload":{"dataset_id":"0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c","target_column":"y","sections":["privacy"],"options":{"seed":7}}} | 200 |
          POST   | /api/v1/jobs | application/json | {"type":"collapse.analyse","payload":{"dataset_id":"0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c","holdout_dataset_id":"1c9f4d2e-8b3a-4c5d-9e6f-7a8b9c0d1e2f"}} | 400 | INVALID_VALUE
          POST   | /api/v1/jobs | application/json | {"type":"collapse.analyse","payload":{"reference_dataset_id":"1c9f4d2e-8b3a-4c5d-9e6f-7a8b9c0d1e2f"}} | 400 | INVALID_VALUE
          POST   | /api/v1/jobs | application/json | {"type":"noop","payload":{"hold_ms":60001}}               | 400 | INVALID_VALUE
          POST   | /api/v1/jobs | application/json | {"type":"noop","payload":{"hold_ms":100,"note":"any"}}    | 200 |
          POST   | /api/v1/jobs | application/json | {"type":"shell","payload":{}}                             | 400 | INVALID_VALUE
          POST   | /api/v1/jobs | application/json | {"type":"noop","payload":{},"resources":{"cpu_millis":-1}} | 400 | INVALID_VALUE
          POST   | /api/v1/jobs | application/json | {"type":"noop","payload":{},"resources":{"cpu_millis":1000000000}} | 400 | INVALID_VALUE
          POST   | /api/v1/jobs | application/json | {"type":"noop","payload":{},"owner_id":"x"}               | 400 | INVALID_VALUE
          POST   | /api/v1/jobs | application/json | {"type":"noop","payload":"{}"}                            | 400 | INVALID_VALUE
          GET    | /api/v1/jobs?state=dead&type=noop&pipeline_id=0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c | | | 200 |
          GET    | /api/v1/jobs?state=stuck |             |                                                    | 400 | INVALID_VALUE
          POST   | /api/v1/jobs/0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c/cancel | |                             | 200 |
          POST   | /api/v1/jobs/not-a-uuid/retry |        |                                                    | 400 | INVALID_VALUE
          POST   | /api/v1/pipelines/validation | application/json | {"input":{"dataset_id":"0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c"}} | 200 |
          POST   | /api/v1/pipelines/full | application/json | {"input":{"dataset_id":"not-a-uuid"}}           | 400 | INVALID_VALUE
          POST   | /api/v1/pipelines/full | application/json | {"input":{"dataset_id":"urn:uuid:0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c"}} | 400 | INVALID_VALUE
          POST   | /api/v1/validations/create | application/json | {"dataset_id":"0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c","generations":["0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0d"]} | 200 |
          POST   | /api/v1/validations/create | application/json | {"dataset_id":"urn:uuid:0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c"} | 400 | INVALID_VALUE
          POST   | /api/v1/validations/create | application/json | {"dataset_id":"0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c","generations":["{0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c}"]} | 400 | INVALID_VALUE
          POST   | /api/v1/warranties/request | application/json | {"validation_id":"urn:uuid:0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c","tier":"basic"} | 400 | INVALID_VALUE
          POST   | /api/v1/pipelines/full | application/json | {"input":{"dataset_id":"0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c","sections":["privacy","privacy"]}} | 400 | INVALID_VALUE
          GET    | /api/v1/resources/status |             |                                                    | 200 |
          POST   | /api/v1/datasets/upload | application/json | {"name":"real.csv","format":"csv","delimiter":";","size_bytes":1,"sha256":"5a44b91648254a5977bebdfa8611ea6b16c7bba6542648e613b6a379084c9ca6","column_types":{"zip":"categorical"}} | 200 |
          POST   | /api/v1/datasets/upload | application/json | {"name":""}                                   | 400 | INVALID_VALUE
          POST   | /api/v1/datasets/upload | application/json | {"name":"a.csv","delimiter":";;"}            | 400 | INVALID_VALUE
          POST   | /api/v1/datasets/upload | application/json | {"name":"a.csv","format":"parquet"}          | 400 | INVALID_VALUE
          POST   | /api/v1/datasets/upload | application/json | {"name":"a.csv","size_bytes":0}              | 400 | INVALID_VALUE
          POST   | /api/v1/datasets/upload | application/json | {"name":"a.csv","sha256":"ABC"}              | 400 | INVALID_VALUE
          POST   | /api/v1/datasets/upload | application/json | {"name":"a.csv","column_types":{"a":"string"}} | 400 | INVALID_VALUE
          POST   | /api/v1/datasets/upload | application/json | {"name":"a.csv","owner_id":"x"}              | 400 | INVALID_VALUE
          GET    | /api/v1/datasets/uploads/Jq3vX9mZ0aB7cD2eF4gH6iK8lM1nP5rS3tU7wY9zA0Q | |                 | 200 |
          GET    | /api/v1/datasets/uploads/short | |                                                        | 400 | INVALID_VALUE
          PUT    | /api/v1/datasets/uploads/Jq3vX9mZ0aB7cD2eF4gH6iK8lM1nP5rS3tU7wY9zA0Q | application/octet-stream | a,b | 200 |
          POST   | /api/v1/datasets/0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c/complete | |                       | 200 |
          GET    | /api/v1/datasets?status=ready&name=cust&limit=5 | |                                     | 200 |
          GET    | /api/v1/datasets?status=deleting | |                                                    | 400 | INVALID_VALUE
          GET    | /api/v1/datasets/0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c/content | |                        | 200 |
          DELETE | /api/v1/datasets/not-a-uuid |  |                                                        | 400 | INVALID_VALUE
          PATCH  | /api/v1/datasets/0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c/schema | application/json | {"column_types":{"zip":"categorical","age":null}} | 200 |
          PATCH  | /api/v1/datasets/0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c/schema | application/json | {"column_types":{"zip":"number"}} | 400 | INVALID_VALUE
          PATCH  | /api/v1/datasets/0b8e5c3a-7f2d-4e1b-9a6c-5d4e3f2a1b0c/schema | application/json | {"column_types":{},"x":1} | 400 | INVALID_VALUE
          GET    | /api/v1/jobs?type=data.ingest |        |                                                    | 200 |
          POST   | /api/v1/jobs | application/json | {"type":"data.ingest","payload":{}}                       | 400 | INVALID_VALUE
          """)
  @DisplayName("validates requests as the contract says")
  void validatesRequests(
      String method,
      String uri,
      String contentType,
      String body,
      int status,
      String errorType,
      Vertx vertx) {
    RouterBuilder builder = routerBuilder(vertx, contract);
    builder.rootHandler(loggedIn());
    builder.getRoutes().forEach(route -> route.setDoSecurity(false));
    WebClient client = serve(vertx, builder.createRouter());

    HttpResponse<Buffer> response =
        send(client.request(HttpMethod.valueOf(method), uri), contentType, body);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    if (errorType != null) {
      assertThat(response.bodyAsString()).isEqualTo(errorType);
    }
  }

  @Test
  @DisplayName(
      "leaves the email format to the code, so addresses are trimmed and the admin logs in by name")
  void loginEmailIsNotAnEmailFormat() {
    JsonObject login = schema("LoginRequest").getJsonObject("properties").getJsonObject("email");
    JsonObject register =
        schema("RegisterRequest").getJsonObject("properties").getJsonObject("email");
    // Neither is a format email: the code checks the address after trimming, and the bootstrap
    // admin logs in with a plain name.
    assertThat(login.containsKey("format")).isFalse();
    assertThat(register.containsKey("format")).isFalse();
  }

  @Nested
  @DisplayName("The Swagger UI page")
  class DocsPage {

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/5.34.1/";

    @Test
    @DisplayName("is on the classpath with its initializer")
    void isOnTheClasspath() throws IOException {
      assertThat(TestResources.text("/static/docs/index.html")).isNotBlank();
      assertThat(TestResources.text("/static/docs/swagger-initializer.js"))
          .contains("\"/openapi.yaml\"");
    }

    @Test
    @DisplayName("runs no inline script and loads nothing from another origin")
    void hasNoInlineScriptOrRemoteUrl() throws IOException {
      String html = TestResources.text("/static/docs/index.html");
      Matcher scripts =
          Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
      int count = 0;
      while (scripts.find()) {
        count++;
        assertThat(scripts.group(1)).contains("src=");
        assertThat(scripts.group(2)).isBlank();
      }
      assertThat(count).isEqualTo(3);
      assertThat(html).doesNotContainPattern("\\son[a-z]+\\s*=");
      assertThat(html).doesNotContainPattern("(?i)https?://");
      assertThat(TestResources.text("/static/docs/swagger-initializer.js"))
          .doesNotContainPattern("(?i)https?://")
          .contains("validatorUrl: null");
    }

    @Test
    @DisplayName("refers only to files served beside it from the webjar or its own folder")
    void refersToFilesThatExist() throws IOException {
      String html = TestResources.text("/static/docs/index.html");
      Matcher links = Pattern.compile("(?:src|href)=\"\\./([^\"]+)\"").matcher(html);
      Set<String> referenced = new TreeSet<>();
      while (links.find()) {
        referenced.add(links.group(1));
      }
      assertThat(referenced)
          .contains(
              "swagger-ui.css",
              "index.css",
              "swagger-ui-bundle.js",
              "swagger-ui-standalone-preset.js",
              "swagger-initializer.js");
      for (String file : referenced) {
        boolean exists = exists("static/docs/" + file) || exists(WEBJAR + file);
        assertThat(exists).as(file).isTrue();
      }
    }

    private static boolean exists(String path) {
      return OpenApiContractTest.class.getClassLoader().getResource(path) != null;
    }
  }

  // --- helpers ---

  /** Stands for the API's own authentication: any caller becomes a Vert.x user. */
  private static AuthenticationHandler loggedIn() {
    return SimpleAuthenticationHandler.create()
        .authenticate(rc -> Future.succeededFuture(User.fromName("tester")));
  }

  private static List<JsonObject> operations(JsonObject document) {
    JsonObject paths = document.getJsonObject("paths");
    return paths.fieldNames().stream()
        .map(paths::getJsonObject)
        .flatMap(
            item ->
                item.fieldNames().stream().filter(HTTP_METHODS::contains).map(item::getJsonObject))
        .toList();
  }

  private List<JsonObject> rawOperations() {
    return operations(document);
  }

  private JsonObject rawOperation(String operationId) {
    return rawOperations().stream()
        .filter(op -> operationId.equals(op.getString("operationId")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no operation " + operationId));
  }

  private JsonObject schema(String name) {
    return document.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
  }

  /** The HTTP statuses an operation documents. */
  private static Set<String> statuses(Operation operation) {
    return operation.getOpenAPIModel().getJsonObject("responses").fieldNames().stream()
        .filter(key -> key.matches("\\d{3}"))
        .collect(Collectors.toSet());
  }

  /** The headers a response documents; fails if the operation has no such response. */
  private static List<String> headers(Operation operation, int status) {
    Response response = operation.getResponse(status);
    assertThat(response).as(operation.getOperationId() + " " + status).isNotNull();
    return response.getHeaders().stream().map(Parameter::getName).toList();
  }

  private static JsonObject readYaml(Vertx vertx, String classpathFile) {
    String text = vertx.fileSystem().readFile(classpathFile).await().toString();
    Map<String, Object> map = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    return new JsonObject(map).copy();
  }

  /**
   * A builder with a handler on every route that answers 200, and a failure handler that answers
   * with the failure's status and the {@link ValidatorException} type, if any.
   */
  private static RouterBuilder routerBuilder(Vertx vertx, OpenAPIContract contract) {
    RouterBuilder builder =
        RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
    builder.rootHandler(BodyHandler.create());
    builder
        .getRoutes()
        .forEach(
            route ->
                route
                    .addHandler(rc -> rc.response().end())
                    .addFailureHandler(OpenApiContractTest::answerFailure));
    return builder;
  }

  private static void answerFailure(RoutingContext rc) {
    String answer = String.valueOf(rc.failure() == null ? null : rc.failure().getMessage());
    for (Throwable cause = rc.failure(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ValidatorException validation) {
        answer = validation.type().name();
      }
    }
    rc.response().setStatusCode(rc.statusCode() > 0 ? rc.statusCode() : 500).end(answer);
  }

  private static WebClient serve(Vertx vertx, Router router) {
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).await();
    return WebClient.create(
        vertx,
        new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.actualPort()));
  }

  private static HttpResponse<Buffer> send(
      HttpRequest<Buffer> request, String contentType, String body) {
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body))).await();
  }
}
