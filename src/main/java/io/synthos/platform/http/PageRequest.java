package io.synthos.platform.http;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A page of a list endpoint: how many items ({@code limit}, capped) and where to continue (an
 * opaque {@code cursor}, the position after the last item of the previous page). Every list
 * endpoint reads its query this way.
 */
public record PageRequest(int limit, JsonObject after) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  /** Reads {@code limit} and {@code cursor}; a cursor that was not issued by Synthos is a 400. */
  public static PageRequest of(Integer limit, String cursor) {
    int size = limit == null ? DEFAULT_LIMIT : Math.max(1, Math.min(MAX_LIMIT, limit));
    if (cursor == null || cursor.isEmpty()) {
      return new PageRequest(size, null);
    }
    try {
      return new PageRequest(
          size,
          new JsonObject(
              new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      throw Problem.of(
              "invalid-cursor", 400, "Bad Request", "The cursor is not one this API issued.")
          .exception();
    }
  }

  /** The cursor that continues after {@code position}. */
  public static String cursor(JsonObject position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(position.encode().getBytes(StandardCharsets.UTF_8));
  }

  public JsonObject toJson() {
    return new JsonObject().put("limit", limit).put("after", after);
  }

  public static PageRequest fromJson(JsonObject json) {
    return new PageRequest(json.getInteger("limit", DEFAULT_LIMIT), json.getJsonObject("after"));
  }
}
