package io.synthos.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The REST API's contract, {@code openapi.yaml} on the class path, read as a JSON document. */
public final class OpenApiDocument {

  public static final String FILE = "openapi.yaml";

  private OpenApiDocument() {}

  public static Future<JsonObject> read(Vertx vertx) {
    return vertx.fileSystem().readFile(FILE).map(text -> parse(text.toString()));
  }

  public static JsonObject parse(String yaml) {
    Map<String, Object> map = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return new JsonObject(map).copy();
  }
}
