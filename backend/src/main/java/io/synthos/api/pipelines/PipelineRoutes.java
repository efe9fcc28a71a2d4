package io.synthos.api.pipelines;

import io.synthos.api.Replies;
import io.synthos.api.Requests;
import io.synthos.orchestrator.OrchestratorClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.UUID;

/**
 * The pipelines resource: start a validation or a full pipeline, read it, cancel it. It owns no
 * table: every route asks the orchestrator, which scopes each call to what the caller may see.
 */
public final class PipelineRoutes {

  // The contract documents this default; vertx-openapi does not fill it into bodies.
  private static final String DEFAULT_PRIORITY = "standard";

  private final OrchestratorClient orchestrator;

  public PipelineRoutes(OrchestratorClient orchestrator) {
    this.orchestrator = orchestrator;
  }

  public void mount(RouterBuilder builder) {
    builder.getRoute("createValidationPipeline").addHandler(rc -> create(rc, "validation"));
    builder.getRoute("createFullPipeline").addHandler(rc -> create(rc, "full"));
    builder.getRoute("getPipeline").addHandler(this::get);
    builder.getRoute("cancelPipeline").addHandler(this::cancel);
  }

  private void create(RoutingContext rc, String kind) {
    JsonObject body = Requests.body(rc);
    JsonObject request = body.copy().put("priority", body.getString("priority", DEFAULT_PRIORITY));
    orchestrator
        .createPipeline(Requests.caller(rc), kind, request)
        .onSuccess(
            pipeline ->
                Replies.accepted(rc, "/api/v1/pipelines/" + pipeline.getString("id"), pipeline))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    orchestrator
        .pipeline(Requests.caller(rc), id(rc))
        .onSuccess(pipeline -> Replies.owned(rc, 200, pipeline))
        .onFailure(rc::fail);
  }

  private void cancel(RoutingContext rc) {
    orchestrator
        .cancelPipeline(Requests.caller(rc), id(rc))
        .onSuccess(pipeline -> Replies.owned(rc, 200, pipeline))
        .onFailure(rc::fail);
  }

  private static UUID id(RoutingContext rc) {
    return UUID.fromString(Requests.path(rc, "id"));
  }
}
