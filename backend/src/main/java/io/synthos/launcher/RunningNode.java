package io.synthos.launcher;

import io.synthos.platform.NodeInfo;
import io.synthos.platform.config.SynthosConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A started process: its Vert.x instance, the configuration it resolved, and how to stop it. */
public final class RunningNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RunningNode.class);
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final EmbeddedServers embedded;
  private final SynthosConfig config;
  private final NodeInfo node;
  private final NodeTracing tracing;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<String> stopFirst = new CopyOnWriteArrayList<>();

  RunningNode(
      Vertx vertx,
      EmbeddedServers embedded,
      SynthosConfig config,
      NodeInfo node,
      NodeTracing tracing) {
    this.vertx = vertx;
    this.tracing = tracing;
    this.embedded = embedded;
    this.config = config;
    this.node = node;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The configuration with the embedded servers' URLs filled in. */
  public SynthosConfig config() {
    return config;
  }

  public NodeInfo node() {
    return node;
  }

  /** Marks a deployment (the API's) to be undeployed, and drained, before all the others. */
  void stopFirst(String deploymentId) {
    stopFirst.add(deploymentId);
  }

  /**
   * Undeploys the API first, which stops accepting and lets the requests under way finish while
   * everything they need still runs; then every other verticle (each closes its servers and pools;
   * the scheduler hands its jobs back) while still a cluster member, then leaves the cluster,
   * closes Vert.x, flushes the spans not yet exported and stops the embedded servers. Hazelcast's
   * own shutdown hook is off, so SIGTERM cannot tear the cluster link down before this. Blocks
   * until done; safe to call twice.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      // Vert.x closes in this order: undeploy, close the event bus, leave the cluster.
      Future.join(stopFirst.stream().map(vertx::undeploy).toList())
          .eventually(vertx::close)
          .toCompletionStage()
          .toCompletableFuture()
          .get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Vert.x did not close cleanly: {}", e.toString());
    }
    tracing.close();
    embedded.close();
    log.info("node {} stopped", node.id());
  }
}
