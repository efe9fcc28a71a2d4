package io.synthos.launcher;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.synthos.platform.config.SynthosConfig.Cluster;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;

/**
 * The Hazelcast configuration of one member: TCP/IP join to the configured members only (no
 * multicast, no auto-detection), on the configured interface and port. Hazelcast holds only what
 * Vert.x puts there (event-bus subscriptions, node infos); PostgreSQL keeps every durable state.
 */
final class HazelcastMember {

  /** The member attribute that carries this process's node id: the owner of its job leases. */
  static final String NODE_ATTRIBUTE = "synthos.node";

  private static final String CLUSTER_NAME = "synthos";

  private HazelcastMember() {}

  static HazelcastClusterManager manager(Cluster cluster, String nodeId) {
    // Vert.x's defaults keep its subscription and node-info maps backed up on another member.
    Config hazelcast = ConfigUtil.loadConfig();
    hazelcast.setClusterName(CLUSTER_NAME);
    hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
    hazelcast.setProperty("hazelcast.logging.type", "slf4j");
    // Vert.x leaves the cluster when it closes; Hazelcast's own hook would race it on SIGTERM.
    hazelcast.setProperty("hazelcast.shutdownhook.enabled", "false");
    // A member found dead within seconds, so its jobs are re-run soon; joins wait one second.
    hazelcast.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hazelcast.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
    hazelcast.setProperty("hazelcast.wait.seconds.before.join", "1");
    hazelcast.getMemberAttributeConfig().setAttribute(NODE_ATTRIBUTE, nodeId);

    NetworkConfig network = hazelcast.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(List.copyOf(cluster.members()));
    if (!cluster.host().isEmpty()) {
      network.getInterfaces().setEnabled(true).setInterfaces(List.of(cluster.host()));
      hazelcast.setProperty("hazelcast.local.localAddress", cluster.host());
      hazelcast.setProperty("hazelcast.socket.bind.any", "false");
    }
    return new HazelcastClusterManager(hazelcast);
  }
}
