package io.synthos.platform.http;

import io.synthos.platform.LogThrottle;
import io.synthos.platform.metrics.HttpMetricsHandler;
import io.synthos.platform.metrics.Metrics;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become problem+json responses; no stack trace ever leaves. */
public final class ProblemResponses {

  private static final String UPLOADS = "/api/v1/datasets/uploads/";

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
  private static final LogThrottle unavailable = new LogThrottle(Duration.ofSeconds(1));

  private ProblemResponses() {}

  /**
   * Answers every failure of the router's routes, unknown paths and wrong methods (with {@code
   * Allow}). Install it after the routes, so its catch-all failure route comes last.
   */
  public static void install(Router router) {
    router
        .route()
        .failureHandler(rc -> send(rc, Failures.toProblem(rc.statusCode(), rc.failure())));
    router.errorHandler(
        404,
        rc ->
            send(
                rc,
                Problem.ofStatus(404, "Not Found", "No resource at " + rc.request().path())
                    .exception()));
    router.errorHandler(405, rc -> methodNotAllowed(router, rc));
    router.errorHandler(500, rc -> send(rc, Failures.toProblem(500, rc.failure())));
  }

  /** The path as it may be logged: an upload URL's token is its own credential and is left out. */
  static String loggable(String path) {
    return path.startsWith(UPLOADS) ? UPLOADS + "{token}" : path;
  }

  /** Writes the problem with its headers and the request id; logs server-side failures. */
  public static void send(RoutingContext rc, ProblemException failure) {
    Problem problem = failure.problem();
    Metrics.of(rc.vertx()).error(problem.slug(), rc.get(HttpMetricsHandler.COMPONENT, "http"));
    if (problem.status() == 502 || problem.status() == 503 || problem.status() == 504) {
      logUnavailable(rc, problem);
    } else if (problem.status() >= 500) {
      log.error(
          "{} {} failed ({})",
          rc.request().method(),
          loggable(rc.normalizedPath()),
          RequestIds.of(rc),
          rc.failure());
    } else {
      log.debug("answered {} {}", problem.status(), problem.type());
    }
    if (rc.response().headWritten()) {
      rc.response().reset();
      return;
    }
    JsonObject body = problem.toJson();
    String requestId = RequestIds.of(rc);
    if (requestId != null) {
      body.put("request_id", requestId);
    }
    failure.headers().forEach(rc.response()::putHeader);
    if (problem.status() == 401) {
      rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"synthos\"");
    }
    rc.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", Problem.CONTENT_TYPE)
        .end(body.encode());
  }

  /**
   * Something the request needed is down or overloaded: an expected state, counted in the metrics
   * and reported by readiness. One line a second for each kind of problem, with how many more there
   * were, and no stack trace, so an outage under load does not flood the log.
   */
  private static void logUnavailable(RoutingContext rc, Problem problem) {
    long held = unavailable.admit(problem.slug());
    if (held >= 0) {
      log.warn(
          "{} {} answered {} {} ({}); {} more since the previous line",
          rc.request().method(),
          loggable(rc.normalizedPath()),
          problem.status(),
          problem.slug(),
          RequestIds.of(rc),
          held);
    }
  }

  private static void methodNotAllowed(Router router, RoutingContext rc) {
    // Vert.x only sets Allow when no error handler is installed, so name the methods here.
    String allowed = AllowedMethods.of(router, rc.normalizedPath());
    if (!allowed.isEmpty()) {
      rc.response().putHeader("Allow", allowed);
    }
    send(
        rc,
        Problem.ofStatus(
                405,
                "Method Not Allowed",
                rc.request().method() + " is not allowed here; use " + allowed)
            .exception());
  }
}
