package io.synthos.api;

import io.synthos.platform.http.SecurityHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** How handlers answer with JSON that belongs to the caller, such as their jobs and pipelines. */
public final class Replies {

  private Replies() {}

  /** Answers {@code body}; it is the caller's own data, so no cache may keep it. */
  public static void owned(RoutingContext rc, int status, JsonObject body) {
    SecurityHeaders.noStore(rc);
    rc.response().setStatusCode(status);
    rc.json(body);
  }

  /** 202: the work goes on after this answer; the caller follows it at {@code location}. */
  public static void accepted(RoutingContext rc, String location, JsonObject body) {
    rc.response().putHeader("Location", location);
    owned(rc, 202, body);
  }
}
