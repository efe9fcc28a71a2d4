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
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** A plain HTTP client for black-box tests of a running Synthos process. */
public final class HttpProbe {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private HttpProbe() {}

  /** A response; status 0 means nothing answered. */
  public record Response(int status, java.net.http.HttpHeaders headers, String body) {

    public String header(String name) {
      return headers == null ? "" : headers.firstValue(name).orElse("");
    }

    public String contentType() {
      return header("Content-Type");
    }

    public String allow() {
      return header("Allow");
    }

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

  public static Response get(String url, String... headers) {
    return send(request(url, headers).GET());
  }

  public static Response delete(String url, String... headers) {
    return send(request(url, headers).DELETE());
  }

  public static Response post(String url, String body, String... headers) {
    return send(request(url, headers).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** POSTs JSON with the given extra headers (name, value, name, value …). */
  public static Response postJson(String url, JsonObject body, String... headers) {
    return send(json(url, body, headers));
  }

  /** Sends {@code body} with any method (PUT, PATCH …) and the given headers. */
  public static Response send(String method, String url, byte[] body, String... headers) {
    return send(request(url, headers).method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** The same, without waiting: for uploads that must run at the same time. */
  public static CompletableFuture<Response> sendAsync(
      String method, String url, byte[] body, String... headers) {
    return CLIENT
        .sendAsync(
            request(url, headers)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> new Response(response.statusCode(), response.headers(), response.body()));
  }

  /** GETs raw bytes, such as a file's content; null when nothing answered. */
  public static HttpResponse<byte[]> getBytes(String url, String... headers) {
    try {
      return CLIENT.send(
          request(url, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The same, without waiting: for firing many requests at once. */
  public static CompletableFuture<Response> postJsonAsync(String url, JsonObject body) {
    return CLIENT
        .sendAsync(json(url, body).build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> new Response(response.statusCode(), response.headers(), response.body()));
  }

  private static HttpRequest.Builder json(String url, JsonObject body, String... headers) {
    return request(url, headers)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
  }

  private static HttpRequest.Builder request(String url, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      return new Response(0, null, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Response(0, null, e.toString());
    }
  }
}
