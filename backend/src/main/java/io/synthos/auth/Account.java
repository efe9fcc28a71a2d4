package io.synthos.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A user as the API shows it: never the password hash. */
public record Account(UUID id, String email, String name, String role, OffsetDateTime createdAt) {

  static Account from(Row row) {
    return new Account(
        row.getUUID("id"),
        row.getString("email"),
        row.getString("name"),
        row.getString("role"),
        row.getOffsetDateTime("created_at"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("email", email)
        .put("name", name)
        .put("role", role)
        .put("created_at", createdAt.toInstant().toString());
  }

  public static Account fromJson(JsonObject json) {
    return new Account(
        UUID.fromString(json.getString("id")),
        json.getString("email"),
        json.getString("name"),
        json.getString("role"),
        OffsetDateTime.parse(json.getString("created_at")));
  }
}
