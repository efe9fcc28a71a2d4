package io.synthos.api;

import io.synthos.platform.HttpServers;
import io.synthos.platform.NodeInfo;
import io.synthos.platform.TlsOptions;
import io.synthos.platform.config.SynthosConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The REST API on {@code PORT}; several instances share the port, each with its own router. */
public final class HttpApiVerticle extends VerticleBase {

  private final SynthosConfig config;
  private final NodeInfo node;
  private final BodyBudget bodies;

  /** {@code bodies} is shared by every instance of the API on the node. */
  public HttpApiVerticle(SynthosConfig config, NodeInfo node, BodyBudget bodies) {
    this.config = config;
    this.node = node;
    this.bodies = bodies;
  }

  /**
   * HTTP/1.1 (HTTP/2 comes through TLS at the proxy): a cleartext h2c upgrade would swallow an
   * upload's body before its handler can stream it. A connection that sends and receives nothing
   * for a minute is closed; event streams write a keep-alive every 15 s, and an upload that stops
   * sending ends here.
   */
  private static final HttpServerOptions WEB =
      new HttpServerOptions()
          .setHttp2ClearTextEnabled(false)
          .setIdleTimeout(60)
          .setIdleTimeoutUnit(TimeUnit.SECONDS);

  /**
   * How long a stopping node lets requests under way finish: it stops accepting at once, ends the
   * event streams, and closes what is still open after this.
   */
  static final Duration DRAIN = Duration.ofSeconds(10);

  private ApiRouter api;
  private HttpServer server;

  @Override
  public Future<?> start() {
    api = new ApiRouter(vertx, config, node, bodies);
    return api.build()
        .compose(
            router ->
                HttpServers.listen(
                    vertx,
                    "api",
                    TlsOptions.server(config.tls(), WEB),
                    config.bindHost(),
                    config.http().port(),
                    router))
        .onSuccess(listening -> server = listening);
  }

  @Override
  public Future<?> stop() {
    if (api == null) {
      return Future.succeededFuture();
    }
    api.endStreams();
    Future<Void> drained =
        server == null
            ? Future.succeededFuture()
            : server.shutdown(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    return drained.eventually(api::close);
  }
}
