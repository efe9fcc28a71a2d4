package io.synthos.api;

import io.synthos.platform.HttpServers;
import io.synthos.platform.NodeInfo;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.http.ProblemResponses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * The REST API on {@code PORT}. Several instances share the port; each wires the same routes. For
 * now it serves liveness and readiness; the product's resources arrive with their issues.
 */
public final class HttpApiVerticle extends VerticleBase {

  private final SynthosConfig config;
  private final NodeInfo node;

  public HttpApiVerticle(SynthosConfig config, NodeInfo node) {
    this.config = config;
    this.node = node;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health").handler(this::liveness);
    router
        .get("/health/ready")
        .handler(HealthCheckHandler.createWithHealthChecks(Readiness.checks(vertx)));
    ProblemResponses.install(router);

    String host = config.bindHost();
    int port = config.http().port();
    return HttpServers.listen(vertx, "api", host, port, router);
  }

  /**
   * Liveness: the process answers. Says nothing about dependencies, so it never flaps with them.
   */
  private void liveness(RoutingContext rc) {
    rc.json(
        new JsonObject()
            .put("status", "UP")
            .put("node", node.id())
            .put("version", node.version())
            .put("roles", node.roleNames()));
  }
}
