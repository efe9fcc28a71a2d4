package io.synthos.launcher;

import com.hazelcast.cluster.Address;
import io.synthos.platform.NodeInfo;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.config.SynthosConfig.Cluster;
import io.synthos.platform.metrics.NodeMetricsFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the one Vert.x instance of a process from its configuration: with metrics and tracing when
 * they are on, clustered or not.
 */
final class NodeVertx {

  private static final Logger log = LoggerFactory.getLogger(NodeVertx.class);
  private static final long JOIN_TIMEOUT_SECONDS = 60;

  private NodeVertx() {}

  /** Blocks the calling thread (never an event loop) until a clustered node has joined. */
  static Vertx create(SynthosConfig config, NodeInfo node, NodeTracing tracing)
      throws StartupException {
    Cluster cluster = config.cluster();
    VertxOptions options = options(cluster);
    VertxBuilder builder = Vertx.builder();
    if (config.metricsEnabled()) {
      options.setMetricsOptions(NodeMetricsFactory.options());
      builder.withMetrics(new NodeMetricsFactory());
    }
    builder = tracing.applyTo(builder.with(options));
    if (!cluster.enabled()) {
      return builder.build();
    }
    HazelcastClusterManager manager = HazelcastMember.manager(cluster, node.id());
    Vertx vertx;
    try {
      vertx =
          builder
              .withClusterManager(manager)
              .buildClustered()
              .toCompletionStage()
              .toCompletableFuture()
              .get(JOIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new StartupException("cannot join the cluster: " + cause.getMessage(), cause);
    }
    manager.getHazelcastInstance().getCluster().addMembershipListener(new ClusterDepartures(vertx));
    logWhereItListens(cluster, manager);
    return vertx;
  }

  /** Without an interface, Hazelcast listens on every one and announces the one it picked. */
  private static void logWhereItListens(Cluster cluster, HazelcastClusterManager manager) {
    Address member = manager.getHazelcastInstance().getCluster().getLocalMember().getAddress();
    io.vertx.core.spi.cluster.NodeInfo bus = manager.getNodeInfo();
    log.info(
        "{} Hazelcast on {}:{} as {}:{}, event bus on {}:{}",
        String.format("%-13s", "cluster"),
        cluster.host().isEmpty() ? "0.0.0.0" : cluster.host(),
        cluster.port(),
        member.getHost(),
        member.getPort(),
        bus.host(),
        bus.port());
  }

  private static VertxOptions options(Cluster cluster) {
    VertxOptions options = new VertxOptions();
    if (cluster.enabled()) {
      EventBusOptions bus = new EventBusOptions().setPort(cluster.busPort());
      if (!cluster.host().isEmpty()) {
        bus.setHost(cluster.host());
      }
      options.setEventBusOptions(bus);
    }
    return options;
  }
}
