package io.synthos.platform;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/** Starts HTTP (and gRPC-over-HTTP/2) servers whose failure to listen names who and where. */
public final class HttpServers {

  private HttpServers() {}

  /**
   * Listens on {@code host:port}; completes only once listening, or fails with one line such as
   * {@code api: cannot listen on 127.0.0.1:8000 (Address already in use; is the port taken?)}.
   */
  public static Future<HttpServer> listen(
      Vertx vertx, String who, String host, int port, Handler<HttpServerRequest> handler) {
    return listen(vertx, who, new HttpServerOptions(), host, port, handler);
  }

  /** The same, with server options such as a web server's, which has no use for cleartext h2c. */
  public static Future<HttpServer> listen(
      Vertx vertx,
      String who,
      HttpServerOptions options,
      String host,
      int port,
      Handler<HttpServerRequest> handler) {
    return vertx
        .createHttpServer(new HttpServerOptions(options).setHost(host).setPort(port))
        .requestHandler(handler)
        .listen()
        .recover(
            cause ->
                Future.failedFuture(
                    new IllegalStateException(
                        who
                            + ": cannot listen on "
                            + host
                            + ":"
                            + port
                            + " ("
                            + cause.getMessage()
                            + "; is the port taken?)",
                        cause)));
  }
}
