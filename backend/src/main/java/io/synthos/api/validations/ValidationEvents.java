package io.synthos.api.validations;

import io.synthos.platform.http.SecurityHeaders;
import io.synthos.platform.metrics.Level;
import io.synthos.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * One validation's server-sent event stream. Every event carries the whole validation (without its
 * report) and its version as the event id, so a client that reconnects with {@code Last-Event-ID}
 * gets the current state at once if it changed, and misses nothing that matters. Changes arrive on
 * {@link ValidationTracker#CHANGED} from whichever node applied them; the stream ends after the
 * event of a finished validation.
 */
final class ValidationEvents {

  private static final Set<String> FINAL = Set.of("completed", "failed", "cancelled");
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final Vertx vertx;
  private final Function<UUID, Future<Optional<JsonObject>>> read;
  private final Set<Stream> open = new HashSet<>();
  private final Map<UUID, Future<Optional<JsonObject>>> reading = new HashMap<>();

  /** {@code read} answers the validation as the caller may see it. */
  ValidationEvents(Vertx vertx, Function<UUID, Future<Optional<JsonObject>>> read) {
    this.vertx = vertx;
    this.read = read;
  }

  /**
   * Streams validation {@code id} in answer to {@code rc}, whose caller has been found allowed to
   * see it, from after {@code lastEventId} (0 for everything).
   */
  void stream(UUID id, long lastEventId, RoutingContext rc) {
    SecurityHeaders.noStore(rc);
    HttpServerResponse response = rc.response();
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        // Proxies such as nginx would otherwise hold events back.
        .putHeader("X-Accel-Buffering", "no");
    Stream stream = new Stream(id, lastEventId, response);
    open.add(stream);
    // Listen before the first read, so that no change falls between the two.
    MessageConsumer<JsonObject> changes =
        vertx
            .eventBus()
            .consumer(
                ValidationTracker.CHANGED,
                message -> {
                  long version = message.body().getLong("version", 0L);
                  if (id.toString().equals(message.body().getString("validation_id"))
                      && version > stream.sent) {
                    stream.refresh(version);
                  }
                });
    long keepAlive =
        vertx.setPeriodic(KEEP_ALIVE.toMillis(), timer -> stream.write(": keep-alive\n\n"));
    Level clients = Metrics.of(vertx).level(Metrics.SSE_CLIENTS, "stream", "validations");
    clients.add(1);
    stream.onClose =
        () -> {
          open.remove(stream);
          clients.add(-1);
          vertx.cancelTimer(keepAlive);
          changes.unregister();
        };
    response.closeHandler(closed -> stream.close());
    changes.completion().onSuccess(registered -> stream.refresh(0)).onFailure(f -> stream.end());
  }

  /**
   * Ends every open stream, as when the node stops: a client reconnects with its Last-Event-ID, to
   * another node if there is one, and misses nothing.
   */
  void endAll() {
    List.copyOf(open).forEach(Stream::end);
  }

  /**
   * The read of a validation under way, which every stream of it on this event loop joins: a change
   * costs one read per event loop, not one per open stream.
   */
  private Future<Optional<JsonObject>> shared(UUID id) {
    Future<Optional<JsonObject>> underway = reading.get(id);
    if (underway == null) {
      underway = read.apply(id);
      reading.put(id, underway);
      underway.onComplete(done -> reading.remove(id));
    }
    return underway;
  }

  private static boolean isOlder(Optional<JsonObject> found, long version) {
    return found.isPresent() && found.get().getLong("version", 0L) < version;
  }

  /** The state of one open stream; used on its event loop only. */
  private final class Stream {
    private final UUID id;
    private final HttpServerResponse response;
    private long sent;
    private boolean closed;
    private Runnable onClose = () -> {};

    Stream(UUID id, long lastEventId, HttpServerResponse response) {
      this.id = id;
      this.sent = lastEventId;
      this.response = response;
    }

    /**
     * Reads the validation, at least at {@code version}, and sends it if it is newer than what the
     * client has. The read is shared with the other streams of this validation; one that started
     * before the change was announced may come back older, and is then read again (a read that
     * starts now, shared too).
     */
    void refresh(long version) {
      shared(id)
          .compose(found -> isOlder(found, version) ? shared(id) : Future.succeededFuture(found))
          .onSuccess(found -> found.ifPresentOrElse(this::send, this::end))
          .onFailure(failure -> end());
    }

    private void send(JsonObject validation) {
      long version = validation.getLong("version");
      if (closed || version <= sent) {
        if (!closed && FINAL.contains(validation.getString("status"))) {
          end();
        }
        return;
      }
      sent = version;
      write("id: " + version + "\nevent: validation\ndata: " + validation.encode() + "\n\n");
      if (FINAL.contains(validation.getString("status"))) {
        end();
      }
    }

    void write(String chunk) {
      if (!closed) {
        response.write(chunk);
      }
    }

    void end() {
      if (!closed) {
        response.end();
      }
      close();
    }

    void close() {
      if (!closed) {
        closed = true;
        onClose.run();
      }
    }
  }
}
