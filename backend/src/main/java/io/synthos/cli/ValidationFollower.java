package io.synthos.cli;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads a validation's server-sent events (each carries the whole validation, its version as the
 * event id) until a final status, resuming after a break with {@code Last-Event-ID}.
 */
final class ValidationFollower {

  static final Set<String> FINAL = Set.of("completed", "failed", "cancelled");
  private static final int MAX_BARREN_RECONNECTS = 5;
  private static final long RECONNECT_PAUSE_MS = 1_000;

  private final SynthosClient client;
  private final String validationId;
  private final Consumer<JsonObject> onChange;
  private final Deadline deadline;
  private Long lastEventId;
  private JsonObject last;

  ValidationFollower(
      SynthosClient client, String validationId, Consumer<JsonObject> onChange, Deadline deadline) {
    this.client = client;
    this.validationId = validationId;
    this.onChange = onChange;
    this.deadline = deadline;
  }

  JsonObject follow() {
    int barren = 0;
    while (true) {
      Long before = lastEventId;
      if (readStream()) {
        return last;
      }
      // The stream ended early (a proxy, a restarting node): resume, but not forever.
      barren = lastEventId == null || lastEventId.equals(before) ? barren + 1 : 0;
      if (barren > MAX_BARREN_RECONNECTS) {
        // The events stream may be closed for good: the validation's own state still tells.
        JsonObject now = client.validation(validationId);
        if (FINAL.contains(now.getString("status"))) {
          onChange.accept(now);
          return now;
        }
        throw new CliException(
            CliException.FAILED,
            "the event stream of validation " + validationId + " keeps ending");
      }
      deadline.check(waitingFor());
      pause();
    }
  }

  private String waitingFor() {
    String status = last == null ? "queued" : last.getString("status");
    return "waiting for validation " + validationId + " (" + status + ")";
  }

  /** Reads one connection; answers whether a final status arrived. */
  private boolean readStream() {
    HttpResponse<Stream<String>> response = client.events(validationId, lastEventId);
    try (Stream<String> lines = response.body()) {
      Iterator<String> it = lines.iterator();
      Long id = null;
      StringBuilder data = new StringBuilder();
      while (it.hasNext()) {
        String line = it.next();
        // Every event or keep-alive (15 s) wakes this loop, so the deadline holds.
        deadline.check(waitingFor());
        if (line.isEmpty()) {
          if (data.length() > 0 && dispatch(id, data.toString())) {
            return true;
          }
          id = null;
          data.setLength(0);
        } else if (line.startsWith("id:")) {
          id = Long.valueOf(field(line));
        } else if (line.startsWith("data:")) {
          data.append(data.length() > 0 ? "\n" : "").append(field(line));
        }
        // "event:" is always "validation" here, and ":" lines keep the connection alive.
      }
      return false;
    } catch (java.io.UncheckedIOException e) {
      return false; // a broken connection: resume from the last event
    }
  }

  private boolean dispatch(Long id, String data) {
    if (id != null) {
      lastEventId = id;
    }
    last = new JsonObject(data);
    onChange.accept(last);
    return FINAL.contains(last.getString("status"));
  }

  private static String field(String line) {
    String value = line.substring(line.indexOf(':') + 1);
    return value.startsWith(" ") ? value.substring(1) : value;
  }

  private static void pause() {
    try {
      Thread.sleep(RECONNECT_PAUSE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(CliException.FAILED, "interrupted");
    }
  }
}
