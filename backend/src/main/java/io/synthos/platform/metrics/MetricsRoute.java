package io.synthos.platform.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** {@code GET /metrics}: the process's registry in Prometheus text, without authentication. */
public final class MetricsRoute {

  public static final String PATH = "/metrics";

  private MetricsRoute() {}

  /** Mounts the route when metrics are on; with them off, {@code /metrics} stays unknown (404). */
  public static void mount(Vertx vertx, Router router) {
    Metrics metrics = Metrics.of(vertx);
    if (metrics.enabled() && metrics.registry() instanceof PrometheusMeterRegistry prometheus) {
      router.get(PATH).handler(PrometheusScrapingHandler.create(prometheus));
    }
  }
}
