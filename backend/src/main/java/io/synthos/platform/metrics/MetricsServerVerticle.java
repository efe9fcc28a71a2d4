package io.synthos.platform.metrics;

import io.synthos.platform.HttpServers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * {@code GET /metrics} on {@code PORT} for a node that runs neither the API nor the dashboard (an
 * orchestrator or ML-service node), so that Prometheus scrapes every role the same way.
 */
public final class MetricsServerVerticle extends VerticleBase {

  private final String host;
  private final int port;

  public MetricsServerVerticle(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    MetricsRoute.mount(vertx, router);
    // HTTP/1.1 only, as Prometheus scrapes: no cleartext HTTP/2 upgrade to go wrong.
    return HttpServers.listen(
        vertx,
        "metrics",
        new HttpServerOptions().setHttp2ClearTextEnabled(false),
        host,
        port,
        router);
  }
}
