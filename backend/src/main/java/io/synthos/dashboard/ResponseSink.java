package io.synthos.dashboard;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser's event stream. Its buffer is the response's write queue, bounded to {@link
 * #MAX_BUFFERED_BYTES}; when that is full the client is dropped rather than buffered without end.
 */
final class ResponseSink implements EventSink {

  private static final Logger log = LoggerFactory.getLogger(ResponseSink.class);

  /** About a hundred job events: more than a browser that keeps up ever has waiting. */
  static final int MAX_BUFFERED_BYTES = 64 * 1024;

  /** How long a dropped client has to take its last event before its connection is cut. */
  private static final long CLOSE_GRACE_MS = 2_000;

  private final Vertx vertx;
  private final HttpServerResponse response;
  private final HttpConnection connection;

  /**
   * {@code connection} carries only this stream: the response says {@code Connection: close}, so a
   * dropped client's connection can be cut without touching another request.
   */
  ResponseSink(Vertx vertx, HttpServerResponse response, HttpConnection connection) {
    this.vertx = vertx;
    this.response = response;
    this.connection = connection;
    response.setWriteQueueMaxSize(MAX_BUFFERED_BYTES);
  }

  @Override
  public boolean writeQueueFull() {
    return response.writeQueueFull();
  }

  @Override
  public void write(String frame) {
    if (!response.closed() && !response.ended()) {
      response.write(frame);
    }
  }

  @Override
  public void close(String lastFrame) {
    if (response.closed() || response.ended()) {
      return;
    }
    log.info("dropped an event-stream client that stopped reading; it will resync");
    response.end(lastFrame);
    // A client that stopped reading may never take that frame: cut it loose after a moment.
    vertx.setTimer(CLOSE_GRACE_MS, id -> connection.close());
  }
}
