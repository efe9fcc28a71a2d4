package io.synthos.platform.http;

import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem detail. {@code type} is stable and names the kind of problem; {@code detail}
 * explains this occurrence to the person who sent the request, without internals.
 */
public record Problem(String type, String title, int status, String detail) {

  public static final String CONTENT_TYPE = "application/problem+json";

  /** A problem fully described by its HTTP status, as RFC 9457 allows with {@code about:blank}. */
  public static Problem ofStatus(int status, String title, String detail) {
    return new Problem("about:blank", title, status, detail);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("type", type).put("title", title).put("status", status);
    if (detail != null) {
      json.put("detail", detail);
    }
    return json;
  }
}
