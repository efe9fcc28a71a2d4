package io.synthos.auth;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Who is calling: the user, their role, and how they proved it. {@code tokenId} and {@code
 * expiresAt} are set for access tokens (logout revokes by them), null for API keys. {@code
 * rateHeaders} are the rate-limit headers to send back.
 */
public record Principal(
    UUID userId, String role, String tokenId, Instant expiresAt, Map<String, String> rateHeaders) {

  public static final String ADMIN = "admin";
  public static final String USER = "user";

  public boolean isAdmin() {
    return ADMIN.equals(role);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("user_id", userId.toString()).put("role", role);
    if (tokenId != null) {
      json.put("jti", tokenId).put("exp", expiresAt.getEpochSecond());
    }
    return json.put("rate_headers", new JsonObject(Map.copyOf(rateHeaders)));
  }

  public static Principal fromJson(JsonObject json) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    json.getJsonObject("rate_headers", new JsonObject())
        .forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
    Long exp = json.getLong("exp");
    return new Principal(
        UUID.fromString(json.getString("user_id")),
        json.getString("role"),
        json.getString("jti"),
        exp == null ? null : Instant.ofEpochSecond(exp),
        headers);
  }

  Principal withRateHeaders(Map<String, String> headers) {
    return new Principal(userId, role, tokenId, expiresAt, headers);
  }
}
