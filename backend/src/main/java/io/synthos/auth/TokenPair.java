package io.synthos.auth;

import io.vertx.core.json.JsonObject;

/** What a login or a refresh answers: a short-lived access token and a refresh token. */
public record TokenPair(String accessToken, String refreshToken, int expiresInSeconds) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("access_token", accessToken)
        .put("refresh_token", refreshToken)
        .put("token_type", "Bearer")
        .put("expires_in", expiresInSeconds);
  }

  public static TokenPair fromJson(JsonObject json) {
    return new TokenPair(
        json.getString("access_token"),
        json.getString("refresh_token"),
        json.getInteger("expires_in"));
  }
}
