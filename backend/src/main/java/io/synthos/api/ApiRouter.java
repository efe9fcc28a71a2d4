package io.synthos.api;

import io.synthos.api.accounts.AccountRoutes;
import io.synthos.api.analytics.AnalyticsRoutes;
import io.synthos.api.datasets.DatasetRoutes;
import io.synthos.api.datasets.DatasetsResource;
import io.synthos.api.jobs.JobRoutes;
import io.synthos.api.pipelines.PipelineRoutes;
import io.synthos.api.resources.ResourceRoutes;
import io.synthos.api.validations.ValidationRoutes;
import io.synthos.api.validations.ValidationsResource;
import io.synthos.api.warranties.WarrantiesResource;
import io.synthos.api.warranties.WarrantyRoutes;
import io.synthos.auth.AccessRules;
import io.synthos.auth.AuthClient;
import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.platform.NodeInfo;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.http.OpenApiDocument;
import io.synthos.platform.http.ProblemResponses;
import io.synthos.platform.http.RequestIds;
import io.synthos.platform.http.SecurityHeaders;
import io.synthos.platform.metrics.HttpMetricsHandler;
import io.synthos.platform.metrics.Metrics;
import io.synthos.platform.metrics.MetricsRoute;
import io.synthos.resources.ResourcesClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the API's router from the OpenAPI contract: the shared handlers first (request id,
 * security headers, CORS, authentication, body limit), then each resource's routes, then the docs
 * and the problem responses. The contract validates every request before a handler runs ({@link
 * ContractValidation}).
 */
public final class ApiRouter {

  private final Vertx vertx;
  private final SynthosConfig config;
  private final NodeInfo node;
  private final BodyBudget budget;
  private DatasetsResource datasets;
  private ValidationsResource validations;
  private WarrantiesResource warranties;
  private AnalyticsRoutes analytics;
  private AuthClient auth;
  private ValidationRoutes validationRoutes;

  public ApiRouter(Vertx vertx, SynthosConfig config, NodeInfo node, BodyBudget budget) {
    this.vertx = vertx;
    this.config = config;
    this.node = node;
    this.budget = budget;
  }

  public Future<Router> build() {
    OrchestratorClient orchestrator = new OrchestratorClient(vertx);
    datasets = new DatasetsResource(vertx, config, orchestrator);
    validations = new ValidationsResource(vertx, config, orchestrator);
    warranties = new WarrantiesResource(vertx, config, validations.lookup(), datasets.lookup());
    return datasets
        .start()
        .compose(started -> warranties.start())
        .compose(started -> OpenApiDocument.read(vertx))
        .compose(
            document ->
                ApiContract.from(vertx, document)
                    .map(contract -> fromContract(contract, AccessRules.from(document))))
        .compose(router -> DocsRoutes.mount(vertx, router).map(router))
        .map(
            router -> {
              MetricsRoute.mount(vertx, router);
              return router;
            })
        .map(
            router -> {
              ProblemResponses.install(router);
              return router;
            });
  }

  private Router fromContract(OpenAPIContract contract, AccessRules access) {
    auth = AuthClient.checkingTokens(vertx, config);
    RequestExtractor extractor = RequestExtractor.withBodyHandler();
    RouterBuilder builder = RouterBuilder.create(vertx, contract, extractor);
    Metrics metrics = Metrics.of(vertx);
    if (metrics.enabled()) {
      builder.rootHandler(new HttpMetricsHandler(metrics, "api", templates(contract)));
    }
    builder.rootHandler(new RequestIds()).rootHandler(new SecurityHeaders(config.tls().enabled()));
    if (!config.http().corsAllowedOrigins().isEmpty()) {
      builder.rootHandler(cors());
    }
    // Vert.x orders handlers by kind: the (bounded) body is read before anyone is authenticated.
    builder.rootHandler(
        new BodyReader(config.http().bodyLimitBytes(), budget, contract, DatasetRoutes.STREAMING));
    builder.rootHandler(new NoNulCharacters());
    builder.rootHandler(
        new Authentication(auth, contract, access, DatasetRoutes.STREAMING_SECURED));
    // Security is the Authentication handler's job: Vert.x's handlers cannot call the auth
    // verticle.
    builder.getRoutes().forEach(route -> route.setDoSecurity(false));
    ContractValidation.install(vertx, builder, contract, extractor, DatasetRoutes.STREAMING);

    builder.getRoute("getLiveness").addHandler(this::liveness);
    builder
        .getRoute("getReadiness")
        .addHandler(HealthCheckHandler.createWithHealthChecks(Readiness.checks(vertx)));
    new AccountRoutes(auth).mount(builder);
    OrchestratorClient orchestrator = new OrchestratorClient(vertx);
    new JobRoutes(orchestrator).mount(builder);
    new PipelineRoutes(orchestrator).mount(builder);
    new DatasetRoutes(datasets, orchestrator).mount(builder);
    new ResourceRoutes(new ResourcesClient(vertx)).mount(builder);
    validationRoutes = new ValidationRoutes(validations);
    validationRoutes.mount(builder);
    new WarrantyRoutes(warranties, auth).mount(builder);
    analytics = new AnalyticsRoutes(vertx, config);
    analytics.mount(builder);
    return builder.createRouter();
  }

  /** The contract's template of a path (its operation's, or its path's for a wrong method). */
  private static Function<RoutingContext, String> templates(OpenAPIContract contract) {
    return rc -> {
      Operation operation = RequestOperation.of(rc, contract);
      if (operation != null) {
        return operation.getOpenAPIPath();
      }
      Path known = contract.findPath(rc.normalizedPath());
      return known == null ? null : known.getName();
    };
  }

  /** Ends the open event streams, so that a stopping server need not wait for them. */
  public void endStreams() {
    if (validationRoutes != null) {
      validationRoutes.endStreams();
    }
  }

  /** Releases what the resources hold: pools, clients, timers. */
  public Future<Void> close() {
    return Future.join(
            auth == null ? Future.succeededFuture() : auth.close(),
            datasets == null ? Future.succeededFuture() : datasets.close(),
            validations == null ? Future.succeededFuture() : validations.close(),
            warranties == null ? Future.succeededFuture() : warranties.close(),
            analytics == null ? Future.succeededFuture() : analytics.close())
        .mapEmpty();
  }

  private CorsHandler cors() {
    return CorsHandler.create()
        .addOrigins(config.http().corsAllowedOrigins())
        .allowedMethods(
            Set.of(
                HttpMethod.GET,
                HttpMethod.POST,
                HttpMethod.PUT,
                HttpMethod.PATCH,
                HttpMethod.DELETE))
        .allowedHeaders(
            Set.of(
                "Authorization",
                "Content-Type",
                "Content-Range",
                "X-API-Key",
                "Idempotency-Key",
                "Last-Event-ID",
                RequestIds.HEADER))
        .exposedHeaders(
            Set.of(
                RequestIds.HEADER,
                "Location",
                "Upload-Offset",
                "Retry-After",
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset"));
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
