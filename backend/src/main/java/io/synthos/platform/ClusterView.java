package io.synthos.platform;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;

/** What this node sees of the cluster: whether it is clustered, and how many members there are. */
public final class ClusterView {

  private ClusterView() {}

  /** Members of the cluster, this node included; 1 for a node that is not clustered. */
  public static int size(Vertx vertx) {
    ClusterManager manager = manager(vertx);
    return manager == null ? 1 : manager.getNodes().size();
  }

  public static JsonObject describe(Vertx vertx) {
    ClusterManager manager = manager(vertx);
    return new JsonObject()
        .put("clustered", manager != null)
        .put("members", size(vertx))
        .put("active", manager == null || manager.isActive());
  }

  private static ClusterManager manager(Vertx vertx) {
    return vertx.isClustered() && vertx instanceof VertxInternal internal
        ? internal.clusterManager()
        : null;
  }
}
