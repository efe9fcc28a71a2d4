package io.synthos.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.JsonSchema;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The API's own request validation ({@link ContractValidation}), on a small contract of its own: it
 * must accept and refuse exactly what the contract says, hand handlers the same typed values the
 * library's validation did, keep one validator per schema, and still check large bodies (which it
 * moves off the event loop).
 */
@DisplayName("Request validation against the contract")
class ContractValidationTest {

  private static final JsonObject CONTRACT =
      new JsonObject(
          """
          {
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {
              "/things/{id}": {
                "get": {
                  "operationId": "getThing",
                  "parameters": [
                    {"name": "id", "in": "path", "required": true,
                     "schema": {"type": "string", "format": "uuid"}},
                    {"name": "limit", "in": "query",
                     "schema": {"type": "integer", "minimum": 1, "maximum": 100}}
                  ],
                  "responses": {"200": {"description": "ok"}}
                }
              },
              "/things": {
                "post": {
                  "operationId": "createThing",
                  "requestBody": {"required": true, "content": {"application/json": {"schema": {
                    "type": "object", "additionalProperties": false, "required": ["tags"],
                    "properties": {"tags": {"type": "array", "items": {"type": "string", "maxLength": 20}}}
                  }}}},
                  "responses": {"200": {"description": "ok"}}
                }
              },
              "/stream": {
                "put": {
                  "operationId": "putStream",
                  "requestBody": {"required": true, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["never"]}}}},
                  "responses": {"200": {"description": "ok"}}
                }
              }
            }
          }
          """);

  private Vertx vertx;
  private HttpServer server;
  private WebClient client;
  private OpenAPIContract contract;
  private final ConcurrentLinkedQueue<String> handlerThreads = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    contract = OpenAPIContract.from(vertx, CONTRACT.copy()).await(); // it resolves in place
    RequestExtractor extractor = RequestExtractor.withBodyHandler();
    RouterBuilder builder = RouterBuilder.create(vertx, contract, extractor);
    builder.rootHandler(BodyHandler.create());
    ContractValidation.install(vertx, builder, contract, extractor, Set.of("putStream"));
    builder
        .getRoute("getThing")
        .addHandler(
            rc -> {
              ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
              handlerThreads.add(Thread.currentThread().getName());
              Object limit = request.getQuery().get("limit").get();
              rc.json(
                  new JsonObject()
                      .put("id", request.getPathParameters().get("id").getString())
                      .put("limit", limit)
                      .put("limitIsInteger", limit instanceof Number));
            });
    builder
        .getRoute("createThing")
        .addHandler(
            rc -> {
              ValidatedRequest request = rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
              rc.json(
                  new JsonObject()
                      .put("tags", request.getBody().getJsonObject().getJsonArray("tags").size()));
            });
    builder.getRoute("putStream").addHandler(rc -> rc.response().end("streamed"));
    Router router = builder.createRouter();
    router.route().failureHandler(rc -> rc.response().setStatusCode(rc.statusCode()).end());
    server = vertx.createHttpServer().requestHandler(router).listen(0).await();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  @DisplayName("valid parameters reach the handler typed, on the event loop")
  void validParameters() {
    String id = "0B8F3C1E-4d2a-4c7b-9a6e-1f2d3c4b5a69";
    HttpResponse<Buffer> response = get("/things/" + id + "?limit=7");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("id")).isEqualTo(id);
    assertThat(body.getInteger("limit")).isEqualTo(7);
    assertThat(body.getBoolean("limitIsInteger")).isTrue();
    assertThat(handlerThreads).allMatch(name -> name.startsWith("vert.x-eventloop-thread"));
  }

  @Test
  @DisplayName("a bad path or query parameter is a 400 and the handler never runs")
  void invalidParameters() {
    assertThat(get("/things/not-a-uuid").statusCode()).isEqualTo(400);
    // The schema's format lets this through; the handlers' UUID.fromString would not.
    assertThat(get("/things/urn:uuid:0b8f3c1e-4d2a-4c7b-9a6e-1f2d3c4b5a69").statusCode())
        .isEqualTo(400);
    assertThat(get("/things/0b8f3c1e-4d2a-4c7b-9a6e-1f2d3c4b5a69?limit=0").statusCode())
        .isEqualTo(400);
    assertThat(get("/things/0b8f3c1e-4d2a-4c7b-9a6e-1f2d3c4b5a69?limit=x").statusCode())
        .isEqualTo(400);
    assertThat(handlerThreads).isEmpty();
  }

  @Test
  @DisplayName("bodies are checked, small ones and those past the inline limit alike")
  void bodies() {
    assertThat(post(new JsonObject().put("tags", new JsonArray().add("a"))).statusCode())
        .isEqualTo(200);
    assertThat(post(new JsonObject().put("tags", "a")).statusCode()).isEqualTo(400);
    assertThat(
            post(new JsonObject().put("tags", new JsonArray()).put("role", "admin")).statusCode())
        .isEqualTo(400);
    assertThat(postRaw(Buffer.buffer()).statusCode()).isEqualTo(400);

    JsonArray many = new JsonArray();
    while (many.encode().length() <= ContractValidation.INLINE_BODY_BYTES) {
      many.add("tag-" + many.size() % 1000);
    }
    HttpResponse<Buffer> large = post(new JsonObject().put("tags", many));
    assertThat(large.statusCode()).isEqualTo(200);
    assertThat(large.bodyAsJsonObject().getInteger("tags")).isEqualTo(many.size());
    assertThat(post(new JsonObject().put("tags", many.copy().add("x".repeat(21)))).statusCode())
        .isEqualTo(400);
  }

  @Test
  @DisplayName("streaming operations are left to their handlers")
  void streaming() {
    HttpResponse<Buffer> response =
        client
            .put(server.actualPort(), "127.0.0.1", "/stream")
            .putHeader("Content-Type", "application/json")
            .sendBuffer(Buffer.buffer("{}"))
            .await();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).isEqualTo("streamed");
  }

  @Test
  @DisplayName("one validator per schema, whoever asks")
  void oneValidatorPerSchema() {
    OpenAPIContract cached = CachedSchemas.over(contract);
    Operation operation = contract.operation("getThing");
    JsonSchema id = operation.getParameters().get(0).getSchema();
    JsonSchema limit = operation.getParameters().get(1).getSchema();
    assertThat(cached.getSchemaRepository().validator(id))
        .isSameAs(cached.getSchemaRepository().validator(id))
        .isNotSameAs(cached.getSchemaRepository().validator(limit));
    assertThat(contract.getSchemaRepository().validator(id))
        .as("the library's own repository builds a new one each time")
        .isNotSameAs(contract.getSchemaRepository().validator(id));
    assertThat(cached.operation("getThing")).isSameAs(operation);
  }

  private HttpResponse<Buffer> get(String uri) {
    return client.get(server.actualPort(), "127.0.0.1", uri).send().await();
  }

  private HttpResponse<Buffer> post(JsonObject body) {
    return postRaw(body.toBuffer());
  }

  private HttpResponse<Buffer> postRaw(Buffer body) {
    return client
        .post(server.actualPort(), "127.0.0.1", "/things")
        .putHeader("Content-Type", "application/json")
        .sendBuffer(body)
        .await();
  }
}
