package io.synthos.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Synthos REST API as a remote user calls it, with an API key, blocking on the caller's own
 * thread: the one client of every command, whether the node runs in this process or elsewhere.
 */
public final class SynthosClient {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

  private final HttpClient http;
  private final URI base;
  private final String apiKey;

  /**
   * @param base the node's URL, such as {@code http://127.0.0.1:8000}
   * @param apiKey sent as {@code X-API-Key}, or null for the public endpoints only
   */
  public SynthosClient(URI base, String apiKey) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
    this.apiKey = apiKey;
  }

  public URI base() {
    return base;
  }

  /** The same node, calling with another API key. */
  public SynthosClient withApiKey(String key) {
    return new SynthosClient(base, key);
  }

  /**
   * Registers an account, logs in and creates an API key for it: how a fresh local node gets a
   * user. Answers the key.
   */
  public String newAccountKey(String email, String password) {
    JsonObject login = new JsonObject().put("email", email).put("password", password);
    send(json(request("api/v1/auth/register"), login.copy().put("name", "synthos command line")));
    String access = send(json(request("api/v1/auth/login"), login)).getString("access_token");
    return send(json(request("api/v1/auth/api-keys"), new JsonObject().put("name", "command line"))
            .header("Authorization", "Bearer " + access))
        .getString("key");
  }

  /** Whether every dependency of the node answers, its schema migrated: {@code /health/ready}. */
  public boolean ready() {
    return exchange(request("health/ready").GET(), BodyHandlers.discarding()).statusCode() == 200;
  }

  /** Uploads a file as the raw body, named by its file name; answers the dataset (processing). */
  public JsonObject upload(Path file, String sha256) {
    String name = file.getFileName().toString();
    BodyPublisher body;
    try {
      body = BodyPublishers.ofFile(file);
    } catch (IOException e) {
      throw CliException.badInput("cannot read " + file + ": " + e.getMessage());
    }
    String query = "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&sha256=" + sha256;
    // No call timeout: a large file takes as long as the network needs; the connection's still
    // holds.
    return send(
        authorized(HttpRequest.newBuilder(base.resolve("api/v1/datasets" + query)))
            .header("Content-Type", "application/octet-stream")
            .POST(body));
  }

  public JsonObject dataset(String id) {
    return getJson("api/v1/datasets/" + id);
  }

  /** Asks for a validation, with a fresh idempotency key; answers the queued validation. */
  public JsonObject createValidation(JsonObject body) {
    return send(
        json(authorized(request("api/v1/validations/create")), body)
            .header("Idempotency-Key", UUID.randomUUID().toString()));
  }

  public JsonObject validation(String id) {
    return getJson("api/v1/validations/" + id);
  }

  public byte[] reportHtml(String id) {
    HttpResponse<byte[]> response =
        exchange(
            authorized(request("api/v1/validations/" + id + "/report.html")).GET(),
            BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw ApiException.of(
          "GET report.html",
          response.statusCode(),
          new String(response.body(), StandardCharsets.UTF_8));
    }
    return response.body();
  }

  /**
   * Follows a validation over its server-sent events until it completes, fails or is cancelled,
   * reconnecting with {@code Last-Event-ID} when the stream breaks; answers the last state.
   */
  public JsonObject follow(String validationId, Consumer<JsonObject> onChange) {
    return follow(validationId, onChange, Deadline.none());
  }

  /** As {@link #follow(String, Consumer)}, giving up once the deadline passes. */
  JsonObject follow(String validationId, Consumer<JsonObject> onChange, Deadline deadline) {
    return new ValidationFollower(this, validationId, onChange, deadline).follow();
  }

  /** Opens the event stream; the caller closes the response's body. */
  HttpResponse<java.util.stream.Stream<String>> events(String validationId, Long lastEventId) {
    HttpRequest.Builder request =
        authorized(
                HttpRequest.newBuilder(
                    base.resolve("api/v1/validations/" + validationId + "/events")))
            .header("Accept", "text/event-stream")
            .GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", String.valueOf(lastEventId));
    }
    HttpResponse<java.util.stream.Stream<String>> response =
        exchange(request, BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      String body = String.join("\n", response.body().toList());
      throw ApiException.of("GET events", response.statusCode(), body);
    }
    return response;
  }

  /** Asks for a warranty; a report that misses the tier answers 422 with each threshold. */
  public JsonObject requestWarranty(String validationId, String tier) {
    return send(
        json(
            authorized(request("api/v1/warranties/request")),
            new JsonObject().put("validation_id", validationId).put("tier", tier)));
  }

  /** The node's public warranty keys, as a JSON Web Key Set. */
  public JsonObject jwks() {
    return getPublic(".well-known/jwks.json");
  }

  /** A JSON document anyone may read, such as a JWKS; {@code path} is relative to the base. */
  public JsonObject getPublic(String path) {
    return send(request(path).GET());
  }

  private JsonObject getJson(String path) {
    return send(authorized(request(path)).GET());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT);
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request) {
    return apiKey == null ? request : request.header("X-API-Key", apiKey);
  }

  private static HttpRequest.Builder json(HttpRequest.Builder request, JsonObject body) {
    return request
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(body.encode()));
  }

  /** Sends, and answers the JSON body of a 2xx; anything else is an {@link ApiException}. */
  private JsonObject send(HttpRequest.Builder request) {
    HttpRequest built = request.build();
    HttpResponse<String> response = exchange(request, BodyHandlers.ofString());
    String what = built.method() + " /" + base.relativize(built.uri()).getPath();
    if (response.statusCode() / 100 != 2) {
      throw ApiException.of(what, response.statusCode(), response.body());
    }
    try {
      return response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
    } catch (DecodeException e) {
      throw new CliException(CliException.FAILED, what + " answered something other than JSON");
    }
  }

  private <T> HttpResponse<T> exchange(
      HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request.build(), handler);
    } catch (IOException | UncheckedIOException e) {
      throw new CliException(
          CliException.FAILED,
          "cannot reach " + base + " (" + (e.getMessage() == null ? e : e.getMessage()) + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILED, "interrupted", e);
    }
  }
}
