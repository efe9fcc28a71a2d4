package io.synthos.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

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
      throw ProblemType.INVALID_CURSOR.exception("The cursor is not one this API issued.");
    }
  }

  /** The cursor that continues after {@code position}. */
  public static String cursor(JsonObject position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(position.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** Where the page starts in a list sorted by {@code timeKey}, then id: null on the first. */
  public OffsetDateTime afterTime(String timeKey) {
    return after == null ? null : OffsetDateTime.parse(after.getString(timeKey));
  }

  /** The id of the last item of the previous page: null on the first. */
  public UUID afterId() {
    return after == null ? null : UUID.fromString(after.getString("id"));
  }

  /**
   * The page answered from {@code fetched}, the rows of a query asked for {@code limit + 1}: at
   * most {@code limit} items and, when there were more, the cursor after the last one, made of its
   * {@code timeKey} and {@code idKey} fields (the list's sort order).
   */
  public JsonObject page(List<JsonObject> fetched, String timeKey, String idKey) {
    List<JsonObject> items = new ArrayList<>(fetched);
    String next = null;
    if (items.size() > limit) {
      items.subList(limit, items.size()).clear();
      JsonObject last = items.get(items.size() - 1);
      next =
          cursor(
              new JsonObject()
                  .put(timeKey, last.getString(timeKey))
                  .put("id", last.getString(idKey)));
    }
    return new JsonObject().put("items", new JsonArray(items)).put("next_cursor", next);
  }

  public JsonObject toJson() {
    return new JsonObject().put("limit", limit).put("after", after);
  }

  public static PageRequest fromJson(JsonObject json) {
    return new PageRequest(json.getInteger("limit", DEFAULT_LIMIT), json.getJsonObject("after"));
  }
}
