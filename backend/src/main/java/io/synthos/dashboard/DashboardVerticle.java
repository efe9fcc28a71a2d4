package io.synthos.dashboard;

import io.synthos.auth.AuthClient;
import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.platform.HttpServers;
import io.synthos.platform.NodeInfo;
import io.synthos.platform.TlsOptions;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.http.ProblemResponses;
import io.synthos.platform.metrics.MetricsRoute;
import io.synthos.resources.ResourcesClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.time.Clock;

/**
 * The admin dashboard on {@code ADMIN_PORT}. It owns no data: it renders what the resource tracker
 * and the orchestrator answer, and streams what they publish, to signed-in admins only.
 */
public final class DashboardVerticle extends VerticleBase {

  private static final long MAX_FORM_BYTES = 16 * 1024;

  private final SynthosConfig config;
  private final NodeInfo node;
  private EventRelay relay;

  public DashboardVerticle(SynthosConfig config, NodeInfo node) {
    this.config = config;
    this.node = node;
  }

  @Override
  public Future<?> start() {
    Templates templates = new Templates();
    ResourceHistory history = new ResourceHistory();
    AuthClient auth = new AuthClient(vertx);
    AdminGate gate = new AdminGate(auth, templates);
    ClusterView cluster = new ClusterView(Clock.systemUTC());
    OrchestratorClient orchestrator = new OrchestratorClient(vertx);
    relay = new EventRelay(vertx, history, cluster, orchestrator, gate::stillAdmin);
    SessionSecurity security = new SessionSecurity(vertx, LocalSessionStore.create(vertx));
    LoginRoutes login = new LoginRoutes(auth, templates);
    OverviewRoutes overview =
        new OverviewRoutes(
            new Overview(new ResourcesClient(vertx), orchestrator, cluster),
            orchestrator,
            templates,
            node,
            config.http().port(),
            () -> history.toJson().encode());

    Router router = Router.router(vertx);
    TlsOptions.hsts(config.tls(), router);
    router.get("/health").handler(rc -> rc.json(new JsonObject().put("status", "UP")));
    MetricsRoute.mount(vertx, router);
    router
        .get("/static/dashboard/*")
        .handler(StaticHandler.create("static/dashboard").setCachingEnabled(true));
    router.route().handler(security.sessions());
    router.get("/events").handler(gate::api).handler(relay::stream);
    router.post().handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES));
    router.route().handler(security.csrf());
    router.get("/login").handler(login::form);
    router.post("/login").handler(login::login);
    router.post("/logout").handler(login::logout);
    router.get("/").handler(gate::page).handler(overview::page);
    router.post("/jobs/:id/requeue").handler(gate::api).handler(overview::requeue);
    router
        .route()
        .failureHandler(
            rc -> {
              if (rc.statusCode() == 403) {
                LoginRoutes.forbidden(
                    rc, templates, "The form had expired or was not sent from this dashboard.");
              } else {
                rc.next();
              }
            });
    ProblemResponses.install(router);

    String host = config.bindHost();
    int port = config.admin().port();
    return relay
        .start()
        .compose(
            ready ->
                HttpServers.listen(
                    vertx,
                    "dashboard",
                    TlsOptions.server(
                        config.tls(), new HttpServerOptions().setHttp2ClearTextEnabled(false)),
                    host,
                    port,
                    router));
  }

  @Override
  public Future<?> stop() {
    if (relay != null) {
      relay.stop();
    }
    return Future.succeededFuture();
  }
}
