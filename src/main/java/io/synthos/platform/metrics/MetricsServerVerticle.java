package io.synthos.platform.metrics;

import io.synthos.platform.HttpServers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
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
    return HttpServers.listen(vertx, "metrics", host, port, router);
  }
}
