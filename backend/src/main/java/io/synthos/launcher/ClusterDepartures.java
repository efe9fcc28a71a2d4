package io.synthos.launcher;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.synthos.orchestrator.OrchestratorAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells this node's orchestrator, at once, that a member left or died, so the jobs it leased are
 * re-queued without waiting for their leases to expire. Hazelcast calls on its own thread: a local
 * event-bus publish hops to each orchestrator instance's context.
 */
final class ClusterDepartures implements MembershipListener {

  private static final Logger log = LoggerFactory.getLogger(ClusterDepartures.class);

  private final Vertx vertx;

  ClusterDepartures(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void memberAdded(MembershipEvent event) {
    log.info("cluster member joined: {}", event.getMember().getAddress());
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    String node = event.getMember().getAttribute(HazelcastMember.NODE_ATTRIBUTE);
    log.info("cluster member left: {} (node {})", event.getMember().getAddress(), node);
    if (node != null) {
      vertx
          .eventBus()
          .publish(
              OrchestratorAddresses.MEMBER_GONE, node, new DeliveryOptions().setLocalOnly(true));
    }
  }
}
