package io.synthos.dashboard;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Collects the events of an open stream on a thread of its own, for tests to wait on. */
final class SseLines implements AutoCloseable {

  /** One event as the page's EventSource would see it. */
  record Event(long id, String name, JsonObject data) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final Stream<String> lines;
  private final Thread reader;

  SseLines(Stream<String> lines) {
    this.lines = lines;
    this.reader = new Thread(this::read, "sse-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  private void read() {
    long[] id = {0};
    String[] name = {"message"};
    StringBuilder data = new StringBuilder();
    try {
      lines.forEach(
          line -> {
            if (line.isEmpty()) {
              if (data.length() > 0) {
                events.add(new Event(id[0], name[0], new JsonObject(data.toString())));
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
    } catch (RuntimeException closed) {
      // the test closed the stream
    }
  }

  @Override
  public void close() {
    lines.close();
  }
}
