package io.synthos.platform.metrics;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.function.Function;

/**
 * Counts and times every request of a router by method, route template and status, and how many are
 * in flight. The path label is the template (never the raw path, which would make a series per id);
 * a request no route knows gets {@link #UNMATCHED}.
 */
public final class HttpMetricsHandler implements PlatformHandler {

  /** The path label of requests that matched no route. */
  public static final String UNMATCHED = "unmatched";

  /** Where {@code ProblemResponses} reads which component answered, for {@code errors_total}. */
  public static final String COMPONENT = "synthos.metrics.component";

  private final Metrics metrics;
  private final String component;
  private final Function<RoutingContext, String> templates;
  private final Level inFlight;

  /**
   * @param templates the route template of a request's path and method, or null where the router's
   *     own route (a plain path such as {@code /metrics}) should name it
   */
  public HttpMetricsHandler(
      Metrics metrics, String component, Function<RoutingContext, String> templates) {
    this.metrics = metrics;
    this.component = component;
    this.templates = templates;
    this.inFlight = metrics.level(Metrics.HTTP_IN_FLIGHT);
  }

  @Override
  public void handle(RoutingContext rc) {
    long start = System.nanoTime();
    inFlight.add(1);
    rc.put(COMPONENT, component);
    rc.addEndHandler(
        ended -> {
          inFlight.add(-1);
          String method = rc.request().method().name();
          String path = template(rc);
          String status = Integer.toString(rc.response().getStatusCode());
          metrics.count(Metrics.HTTP_REQUESTS, "method", method, "path", path, "status", status);
          metrics.time(
              Metrics.HTTP_DURATION, System.nanoTime() - start, "method", method, "path", path);
        });
    rc.next();
  }

  private String template(RoutingContext rc) {
    String known = templates.apply(rc);
    if (known != null) {
      return known;
    }
    Route route = rc.currentRoute();
    return route != null && route.getPath() != null && !route.isRegexPath()
        ? route.getPath()
        : UNMATCHED;
  }
}
