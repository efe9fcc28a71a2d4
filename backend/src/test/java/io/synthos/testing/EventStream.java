package io.synthos.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A server-sent event stream read as a browser's EventSource would, for tests. */
public final class EventStream {

  /** One event: its id, name and JSON data. */
  public record Event(long id, String name, JsonObject data) {}

  /** The status and the events of a stream read to its end. */
  public record Outcome(int status, String contentType, List<Event> events) {}

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private EventStream() {}

  /**
   * Reads the stream at {@code url} until the server ends it (at most two minutes), passing each
   * event to {@code onEvent} as it arrives. {@code headers}: name, value, name, value…
   */
  public static Outcome read(String url, Consumer<Event> onEvent, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<Stream<String>> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    List<Event> events = new ArrayList<>();
    try (Stream<String> lines = response.body()) {
      CompletableFuture.runAsync(() -> parse(lines, events, onEvent)).get(2, TimeUnit.MINUTES);
    }
    return new Outcome(
        response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), events);
  }

  private static void parse(Stream<String> lines, List<Event> events, Consumer<Event> onEvent) {
    long[] id = {0};
    String[] name = {"message"};
    StringBuilder data = new StringBuilder();
    lines.forEach(
        line -> {
          if (line.isEmpty()) {
            if (data.length() > 0) {
              Event event = new Event(id[0], name[0], new JsonObject(data.toString()));
              events.add(event);
              onEvent.accept(event);
            }
            name[0] = "message";
            data.setLength(0);
          } else if (line.startsWith("id: ")) {
            id[0] = Long.parseLong(line.substring(4));
          } else if (line.startsWith("event: ")) {
            name[0] = line.substring(7);
          } else if (line.startsWith("data: ")) {
            data.append(line.substring(6));
          }
        });
  }
}
