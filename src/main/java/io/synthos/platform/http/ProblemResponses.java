package io.synthos.platform.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become problem+json responses; no stack trace ever leaves. */
public final class ProblemResponses {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  private ProblemResponses() {}

  /** Answers unknown paths, wrong methods (with {@code Allow}) and unexpected failures. */
  public static void install(Router router) {
    router.errorHandler(
        404,
        rc ->
            send(rc, Problem.ofStatus(404, "Not Found", "No resource at " + rc.request().path())));
    router.errorHandler(405, rc -> methodNotAllowed(router, rc));
    router.errorHandler(500, ProblemResponses::internalError);
  }

  public static void send(RoutingContext rc, Problem problem) {
    if (rc.response().headWritten()) {
      rc.response().reset();
      return;
    }
    rc.response()
        .setStatusCode(problem.status())
        .putHeader("Content-Type", Problem.CONTENT_TYPE)
        .end(problem.toJson().encode());
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
            rc.request().method() + " is not allowed here; use " + allowed));
  }

  private static void internalError(RoutingContext rc) {
    log.error(
        "unexpected failure on {} {}", rc.request().method(), rc.normalizedPath(), rc.failure());
    send(
        rc,
        Problem.ofStatus(
            500, "Internal Server Error", "The server failed to answer; the failure is logged."));
  }
}
