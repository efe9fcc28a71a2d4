package io.synthos.launcher;

import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.metrics.NodeMetricsFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;

/** Builds the one Vert.x instance of a process from its configuration. */
final class NodeVertx {

  private NodeVertx() {}

  static Vertx create(SynthosConfig config, NodeTracing tracing) {
    VertxOptions options = new VertxOptions();
    VertxBuilder builder = Vertx.builder();
    if (config.metricsEnabled()) {
      options.setMetricsOptions(NodeMetricsFactory.options());
      builder.withMetrics(new NodeMetricsFactory());
    }
    return tracing.applyTo(builder.with(options)).build();
  }
}
