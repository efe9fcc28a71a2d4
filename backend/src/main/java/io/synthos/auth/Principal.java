package io.synthos.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the user, their role, and how they proved it. {@code tokenId} and {@code
 * expiresAt} are set for access tokens (logout revokes by them), and {@code sessionId} names the
 * login a token came from (null for tokens issued before logins were named). {@code apiKeyId} is
 * set for an API key, which may do only what its {@code scopes} allow; any other caller holds every
 * scope. {@code rateHeaders} are the rate-limit headers to send back.
 */
public record Principal(
    UUID userId,
    String role,
    String tokenId,
    String sessionId,
    Instant expiresAt,
    UUID apiKeyId,
    Set<Scope> scopes,
    Map<String, String> rateHeaders) {

  public static final String ADMIN = "admin";
  public static final String USER = "user";

  public Principal {
    scopes = Set.copyOf(scopes);
  }

  /** A caller with every scope and no login of its own, such as Synthos acting for an owner. */
  public Principal(
      UUID userId,
      String role,
      String tokenId,
      Instant expiresAt,
      Map<String, String> rateHeaders) {
    this(userId, role, tokenId, null, expiresAt, null, Scope.ALL, rateHeaders);
  }

  /** The holder of an API key: only the key's scopes, and never an interactive login. */
  static Principal apiKey(UUID userId, String role, UUID keyId, Set<Scope> scopes) {
    return new Principal(userId, role, null, null, null, keyId, scopes, Map.of());
  }

  /** The holder of an access token from a login ({@code sessionId}, null for older tokens). */
  static Principal accessToken(
      UUID userId, String role, String tokenId, String sessionId, Instant expiresAt) {
    return new Principal(userId, role, tokenId, sessionId, expiresAt, null, Scope.ALL, Map.of());
  }

  public boolean isAdmin() {
    return ADMIN.equals(role);
  }

  /** Whether the caller proved who they are with an API key rather than a login. */
  public boolean isApiKey() {
    return apiKeyId != null;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("user_id", userId.toString()).put("role", role);
    if (tokenId != null) {
      json.put("jti", tokenId).put("exp", expiresAt.getEpochSecond());
    }
    if (sessionId != null) {
      json.put("sid", sessionId);
    }
    if (apiKeyId != null) {
      json.put("api_key_id", apiKeyId.toString());
    }
    JsonArray granted = new JsonArray();
    scopes.stream().sorted().map(Scope::wireName).forEach(granted::add);
    return json.put("scopes", granted).put("rate_headers", new JsonObject(Map.copyOf(rateHeaders)));
  }

  public static Principal fromJson(JsonObject json) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    json.getJsonObject("rate_headers", new JsonObject())
        .forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
    Long exp = json.getLong("exp");
    String keyId = json.getString("api_key_id");
    JsonArray granted = json.getJsonArray("scopes");
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    if (granted == null) {
      scopes.addAll(Scope.ALL);
    } else {
      granted.forEach(name -> scopes.add(Scope.of(String.valueOf(name))));
    }
    return new Principal(
        UUID.fromString(json.getString("user_id")),
        json.getString("role"),
        json.getString("jti"),
        json.getString("sid"),
        exp == null ? null : Instant.ofEpochSecond(exp),
        keyId == null ? null : UUID.fromString(keyId),
        scopes,
        headers);
  }

  Principal withRateHeaders(Map<String, String> headers) {
    return new Principal(userId, role, tokenId, sessionId, expiresAt, apiKeyId, scopes, headers);
  }
}
