package io.synthos.api;

import io.synthos.api.datasets.DatasetRoutes;
import io.synthos.platform.http.OpenApiDocument;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Set;

/**
 * Loads {@code openapi.yaml}, the contract every request is validated against. vertx-openapi 5.0.7
 * refuses response media types outside its fixed list ({@code application/problem+json}, {@code
 * text/event-stream} and {@code text/html} among them), so the copy handed to it leaves those out;
 * the file itself, as served at {@code /openapi.yaml}, keeps them. Responses are not validated, so
 * nothing is lost.
 */
final class ApiContract {

  static final String FILE = OpenApiDocument.FILE;

  /** The response media types vertx-openapi 5.0.7 accepts. */
  private static final Set<String> SUPPORTED =
      Set.of(
          "application/json",
          "application/json; charset=utf-8",
          "multipart/form-data",
          "application/hal+json",
          "application/octet-stream",
          "text/plain",
          "text/plain; charset=utf-8");

  private ApiContract() {}

  static Future<OpenAPIContract> load(Vertx vertx) {
    return OpenApiDocument.read(vertx).compose(document -> from(vertx, document));
  }

  /** The contract of a document already read. */
  static Future<OpenAPIContract> from(Vertx vertx, JsonObject document) {
    return OpenAPIContract.from(vertx, forVertxOpenApi(document));
  }

  /**
   * The document as vertx-openapi can use it: without the response media types it refuses, and with
   * the streaming operations marked public — the router's own security step would resume their
   * paused body before anyone reads it; {@link Authentication} secures them.
   */
  static JsonObject forVertxOpenApi(JsonObject document) {
    JsonObject copy = document.copy();
    copy.getJsonObject("paths")
        .forEach(
            path ->
                ((JsonObject) path.getValue())
                    .forEach(
                        operation -> {
                          if (operation.getValue() instanceof JsonObject op) {
                            if (DatasetRoutes.STREAMING.contains(op.getString("operationId"))) {
                              op.put("security", new JsonArray());
                            }
                            keepSupported(op.getJsonObject("responses", new JsonObject()));
                          }
                        }));
    keepSupported(copy.getJsonObject("components").getJsonObject("responses"));
    return copy;
  }

  private static void keepSupported(JsonObject responses) {
    for (String name : responses.fieldNames()) {
      if (responses.getValue(name) instanceof JsonObject response
          && response.getJsonObject("content") != null) {
        JsonObject content = response.getJsonObject("content");
        content.fieldNames().removeIf(type -> !SUPPORTED.contains(type));
        if (content.isEmpty()) {
          response.remove("content");
        }
      }
    }
  }
}
