package io.synthos.dashboard;

import io.vertx.core.json.JsonObject;

/** The text of server-sent events as the dashboard writes them: one JSON line per event. */
final class SseFrames {

  /** A comment line: keeps proxies and the browser from timing the stream out. */
  static final String KEEP_ALIVE = ": keep-alive\n\n";

  private SseFrames() {}

  /** An event with an id; JSON encodes newlines, so {@code data} is always one line. */
  static String event(long id, String name, JsonObject data) {
    return "id: " + id + "\nevent: " + name + "\ndata: " + data.encode() + "\n\n";
  }

  /**
   * Tells the page to reload its snapshot: events are not stored, so what a client missed can only
   * be made good by reading the page again. {@code reason}: {@code reconnected}, {@code too-slow}
   * or {@code signed-out} (the account is no longer an admin).
   */
  static String resync(long id, String reason) {
    return event(id, "resync", new JsonObject().put("reason", reason).put("reload", "/"));
  }
}
