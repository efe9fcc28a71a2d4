package io.synthos.dashboard;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Fans each event out to every connected client, numbering events from one node-local sequence. A
 * client whose buffer is full is dropped with a final {@code resync} event, so one slow reader
 * never holds the others back and never grows memory. Used from one event loop only.
 */
final class Broadcaster {

  private final Set<EventSink> clients = new LinkedHashSet<>();
  private long lastId;

  /**
   * Adds a client. One that reconnects with {@code Last-Event-ID} missed events that were never
   * stored, so it is told first to reload the snapshot.
   */
  void join(EventSink client, boolean reconnecting) {
    clients.add(client);
    if (reconnecting) {
      client.write(SseFrames.resync(++lastId, "reconnected"));
    }
  }

  void leave(EventSink client) {
    clients.remove(client);
  }

  /** Sends the event to every client that keeps up; answers the event's id. */
  long publish(String name, JsonObject data) {
    long id = ++lastId;
    String frame = SseFrames.event(id, name, data);
    for (EventSink client : List.copyOf(clients)) {
      if (client.writeQueueFull()) {
        drop(client);
      } else {
        client.write(frame);
      }
    }
    return id;
  }

  /** A comment to every client, so idle streams stay open; drops any that stopped reading. */
  void keepAlive() {
    for (EventSink client : List.copyOf(clients)) {
      if (client.writeQueueFull()) {
        drop(client);
      } else {
        client.write(SseFrames.KEEP_ALIVE);
      }
    }
  }

  /** Ends a client's stream with a final {@code resync}, which sends its page to reload. */
  void expel(EventSink client, String reason) {
    if (clients.remove(client)) {
      client.close(SseFrames.resync(++lastId, reason));
    }
  }

  int size() {
    return clients.size();
  }

  private void drop(EventSink client) {
    expel(client, "too-slow");
  }
}
