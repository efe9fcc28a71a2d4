package io.synthos.api;

import io.synthos.api.datasets.DatasetRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads {@code openapi.yaml}, the contract every request is validated against. vertx-openapi 5.0.7
 * refuses response media types outside its fixed list, {@code application/problem+json} among them,
 * so the copy handed to it leaves those out; the file itself, as served at {@code /openapi.yaml},
 * keeps them. Responses are not validated, so nothing is lost.
 */
final class ApiContract {

  static final String FILE = "openapi.yaml";
  private static final String PROBLEM_JSON = "application/problem+json";

  private ApiContract() {}

  static Future<OpenAPIContract> load(Vertx vertx) {
    return vertx
        .fileSystem()
        .readFile(FILE)
        .compose(text -> OpenAPIContract.from(vertx, forVertxOpenApi(parse(text.toString()))));
  }

  static JsonObject parse(String yaml) {
    Map<String, Object> map = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return new JsonObject(map).copy();
  }

  /**
   * The document as vertx-openapi can use it: without the problem media type in its shared error
   * responses, and with the streaming operations marked public — the router's own security step
   * would resume their paused body before anyone reads it; {@link Authentication} secures them.
   */
  static JsonObject forVertxOpenApi(JsonObject document) {
    JsonObject copy = document.copy();
    copy.getJsonObject("paths")
        .forEach(
            path ->
                ((JsonObject) path.getValue())
                    .forEach(
                        operation -> {
                          if (operation.getValue() instanceof JsonObject op
                              && DatasetRoutes.STREAMING.contains(op.getString("operationId"))) {
                            op.put("security", new JsonArray());
                          }
                        }));
    JsonObject responses = copy.getJsonObject("components").getJsonObject("responses");
    for (String name : responses.fieldNames()) {
      JsonObject content = responses.getJsonObject(name).getJsonObject("content");
      if (content != null) {
        content.remove(PROBLEM_JSON);
      }
    }
    return copy;
  }
}
