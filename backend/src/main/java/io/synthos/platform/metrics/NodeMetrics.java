package io.synthos.platform.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;

/**
 * The metrics SPI of a Vert.x instance: Vert.x's own (event bus, pools, HTTP, JVM) from
 * vertx-micrometer-metrics, plus the database queries of every pg pool, which are hooked here once
 * instead of wrapping each pool. {@link Metrics#of} finds the process's facade through it.
 */
final class NodeMetrics implements VertxMetrics {

  private final VertxMetrics vertx;
  private final Metrics facade;

  NodeMetrics(VertxMetrics vertx, Metrics facade) {
    this.vertx = vertx;
    this.facade = facade;
  }

  Metrics facade() {
    return facade;
  }

  @Override
  public ClientMetrics<?, ?, ?> createClientMetrics(
      SocketAddress remoteAddress, String type, String namespace) {
    ClientMetrics<?, ?, ?> own = vertx.createClientMetrics(remoteAddress, type, namespace);
    return "sql".equals(type) ? new SqlQueryMetrics(facade, own) : own;
  }

  @Override
  public EventBusMetrics createEventBusMetrics() {
    return vertx.createEventBusMetrics();
  }

  @Override
  public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(
      HttpServerOptions options, SocketAddress localAddress) {
    return vertx.createHttpServerMetrics(options, localAddress);
  }

  @Override
  public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
    return vertx.createHttpClientMetrics(options);
  }

  @Override
  public TCPMetrics<?> createNetServerMetrics(
      NetServerOptions options, SocketAddress localAddress) {
    return vertx.createNetServerMetrics(options, localAddress);
  }

  @Override
  public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
    return vertx.createNetClientMetrics(options);
  }

  @Override
  public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
    return vertx.createDatagramSocketMetrics(options);
  }

  @Override
  public PoolMetrics<?, ?> createPoolMetrics(String poolType, String poolName, int maxPoolSize) {
    return vertx.createPoolMetrics(poolType, poolName, maxPoolSize);
  }

  @Override
  public void vertxCreated(Vertx created) {
    vertx.vertxCreated(created);
  }

  @Override
  public boolean isMetricsEnabled() {
    return vertx.isMetricsEnabled();
  }

  @Override
  public void close() {
    vertx.close();
  }
}
