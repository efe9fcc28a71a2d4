package io.synthos.api;

import io.synthos.auth.Principal;
import io.synthos.platform.http.PageRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

/** What handlers read from a request the contract has already validated. */
public final class Requests {

  private Requests() {}

  public static JsonObject body(RoutingContext rc) {
    return validated(rc).getBody().getJsonObject();
  }

  /** The JSON body of an operation whose body is optional; empty when none was sent. */
  public static JsonObject optionalBody(RoutingContext rc) {
    RequestParameter body = validated(rc).getBody();
    return body == null || body.isNull() || body.getJsonObject() == null
        ? new JsonObject()
        : body.getJsonObject();
  }

  /** A query parameter, or null when the client left it out and the contract gives no default. */
  public static RequestParameter query(RoutingContext rc, String name) {
    RequestParameter parameter = validated(rc).getQuery().get(name);
    return parameter == null || parameter.isNull() ? null : parameter;
  }

  /** The page a list operation asks for, from its {@code limit} and {@code cursor}. */
  public static PageRequest page(RoutingContext rc) {
    RequestParameter limit = query(rc, "limit");
    RequestParameter cursor = query(rc, "cursor");
    return PageRequest.of(
        limit == null ? null : limit.getInteger(), cursor == null ? null : cursor.getString());
  }

  public static String path(RoutingContext rc, String name) {
    return validated(rc).getPathParameters().get(name).getString();
  }

  public static Principal caller(RoutingContext rc) {
    return Authentication.principal(rc);
  }

  public static String clientIp(RoutingContext rc) {
    return rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().host();
  }

  private static ValidatedRequest validated(RoutingContext rc) {
    return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }
}
