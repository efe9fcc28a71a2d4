package io.synthos.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem detail. {@code type} is stable and names the kind of problem (one of {@link
 * ProblemType}, or {@code about:blank} when the status says it all); {@code detail} explains this
 * occurrence to the person who sent the request, without internals.
 */
public record Problem(String type, String title, int status, String detail, JsonArray errors) {

  public static final String CONTENT_TYPE = "application/problem+json";

  /** A problem fully described by its HTTP status, as RFC 9457 allows with {@code about:blank}. */
  public static Problem ofStatus(int status, String title, String detail) {
    return new Problem("about:blank", title, status, detail, null);
  }

  /** A short stable name of the kind: the slug, or {@code http-404} for a bare status. */
  public String slug() {
    return type.startsWith(ProblemType.TYPE_PREFIX)
        ? type.substring(ProblemType.TYPE_PREFIX.length())
        : "http-" + status;
  }

  public Problem withErrors(JsonArray errors) {
    return new Problem(type, title, status, detail, errors);
  }

  /** Shorthand for failing a future or a handler with this problem. */
  public ProblemException exception() {
    return new ProblemException(this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("type", type).put("title", title).put("status", status);
    if (detail != null) {
      json.put("detail", detail);
    }
    if (errors != null && !errors.isEmpty()) {
      json.put("errors", errors);
    }
    return json;
  }

  static Problem fromJson(JsonObject json) {
    return new Problem(
        json.getString("type", "about:blank"),
        json.getString("title", ""),
        json.getInteger("status", 500),
        json.getString("detail"),
        json.getJsonArray("errors"));
  }
}
