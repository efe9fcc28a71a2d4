package io.synthos.platform.health;

import io.vertx.core.json.JsonObject;

/** Asks the verticle behind a health address about one named check. */
public final class HealthRequest {

  private static final String CHECK = "check";

  private HealthRequest() {}

  public static JsonObject of(String check) {
    return new JsonObject().put(CHECK, check);
  }

  public static String checkName(JsonObject body) {
    return body == null ? "" : body.getString(CHECK, "");
  }
}
