package io.synthos.dashboard;

import io.synthos.platform.HttpServers;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.http.ProblemResponses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The admin dashboard on {@code ADMIN_PORT}. It owns no data: it renders and streams what the other
 * verticles publish. For now it listens and answers its own liveness; the pages arrive with the
 * dashboard issue.
 */
public final class DashboardVerticle extends VerticleBase {

  private final SynthosConfig config;

  public DashboardVerticle(SynthosConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health").handler(rc -> rc.json(new JsonObject().put("status", "UP")));
    ProblemResponses.install(router);
    String host = config.bindHost();
    int port = config.admin().port();
    return HttpServers.listen(vertx, "dashboard", host, port, router);
  }
}
