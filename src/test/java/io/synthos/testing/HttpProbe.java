package io.synthos.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP client for black-box tests of a running Synthos process. */
public final class HttpProbe {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private HttpProbe() {}

  /** A response; status 0 means nothing answered. */
  public record Response(int status, String contentType, String allow, String body) {

    public JsonObject json() {
      return new JsonObject(body);
    }

    /** The readiness checks by name, as {@code id -> status}. */
    public Map<String, String> checks() {
      JsonArray checks = json().getJsonArray("checks");
      return checks.stream()
          .map(JsonObject.class::cast)
          .collect(
              Collectors.toMap(check -> check.getString("id"), check -> check.getString("status")));
    }

    /** The data of one readiness check. */
    public JsonObject check(String id) {
      return json().getJsonArray("checks").stream()
          .map(JsonObject.class::cast)
          .filter(check -> id.equals(check.getString("id")))
          .findFirst()
          .map(check -> check.getJsonObject("data", new JsonObject()))
          .orElseThrow(() -> new AssertionError("no check named " + id + " in " + body));
    }
  }

  public static Response get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  public static Response post(String url, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          CLIENT.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("Allow").orElse(""),
          response.body());
    } catch (IOException e) {
      return new Response(0, "", "", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(0, "", "", e.toString());
    }
  }
}
