package io.synthos.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
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

  /** The document without the problem media type in its shared error responses. */
  static JsonObject forVertxOpenApi(JsonObject document) {
    JsonObject copy = document.copy();
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
