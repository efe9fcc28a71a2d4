package io.synthos.platform.db;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** How values cross between the PostgreSQL client and the API's JSON. */
public final class SqlValues {

  private SqlValues() {}

  /** An instant as a {@code timestamptz} parameter. */
  public static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** A {@code timestamptz} as the API writes times: ISO-8601 in UTC, or null. */
  public static String time(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }

  /** A JSONB value as the client hands it back (a JsonObject, or text); null as empty. */
  public static JsonObject json(Object value) {
    if (value == null) {
      return new JsonObject();
    }
    return value instanceof JsonObject json ? json : new JsonObject(String.valueOf(value));
  }
}
