package io.synthos.platform.health;

import io.vertx.core.json.JsonObject;

/**
 * What a verticle answers when asked about a dependency it owns: up or down, and details (a reason
 * when down). Travels over the event bus as JSON.
 */
public record CheckReport(boolean up, JsonObject details) {

  public static CheckReport up(JsonObject details) {
    return new CheckReport(true, details);
  }

  public static CheckReport down(String reason) {
    return new CheckReport(false, new JsonObject().put("reason", reason));
  }

  /** A report from a failed future: the failure's message is the reason. */
  public static CheckReport down(Throwable failure) {
    String message = failure.getMessage();
    return down(
        message == null || message.isBlank() ? failure.getClass().getSimpleName() : message);
  }

  public JsonObject toJson() {
    return new JsonObject().put("up", up).put("details", details);
  }

  public static CheckReport fromJson(JsonObject json) {
    return new CheckReport(
        json.getBoolean("up", false), json.getJsonObject("details", new JsonObject()));
  }
}
