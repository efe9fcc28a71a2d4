package io.synthos.platform.metrics;

import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.UUID;

/**
 * Gives a Vert.x instance its own Prometheus registry: Vert.x's metrics, the JVM's and the
 * process's, and everything Synthos counts. Pass it to {@code Vertx.builder().withMetrics(…)} with
 * {@link #options()} in the {@code VertxOptions}.
 */
public final class NodeMetricsFactory implements VertxMetricsFactory {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /**
   * Vert.x keeps registries by name for the whole JVM; each instance gets its own name, so that
   * several nodes in one JVM (as in tests) never share one.
   */
  public static MicrometerMetricsOptions options() {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setRegistryName("synthos-" + UUID.randomUUID())
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    new FileDescriptorMetrics().bindTo(registry);
    VertxMetrics vertx = new MicrometerMetricsFactory(registry).metrics(options);
    return new NodeMetrics(vertx, new Metrics(registry, true));
  }
}
