package io.synthos.api.resources;

import io.synthos.resources.ResourcesClient;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** The resources resource: the ML pools' capacity and use, as the resource tracker sees them. */
public final class ResourceRoutes {

  private final ResourcesClient resources;

  public ResourceRoutes(ResourcesClient resources) {
    this.resources = resources;
  }

  public void mount(RouterBuilder builder) {
    builder.getRoute("getResourceStatus").addHandler(this::status);
  }

  // Capacity figures are nobody's personal data, so unlike jobs they carry no no-store.
  private void status(RoutingContext rc) {
    resources.status().onSuccess(rc::json).onFailure(rc::fail);
  }
}
