package io.synthos.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The contract itself at {@code /openapi.yaml} and Swagger UI at {@code /docs/}, served from the
 * jar (the UI from its webjar): no CDN, nothing fetched at run time.
 */
final class DocsRoutes {

  private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.34.1";
  // Swagger UI sets inline styles and data: images; scripts still come only from this origin.
  private static final String DOCS_POLICY =
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

  private DocsRoutes() {}

  static Future<Void> mount(Vertx vertx, Router router) {
    return vertx
        .fileSystem()
        .readFile(ApiContract.FILE)
        .map(
            contract -> {
              mount(router, contract);
              return null;
            });
  }

  private static void mount(Router router, Buffer contract) {
    router
        .get("/openapi.yaml")
        .handler(rc -> rc.response().putHeader("Content-Type", "application/yaml").end(contract));
    // Vert.x lets "/docs" match "/docs/" too: redirect only the bare path.
    router
        .get("/docs")
        .handler(
            rc -> {
              if (rc.request().path().equals("/docs")) {
                rc.redirect("/docs/");
              } else {
                rc.next();
              }
            });
    router
        .route("/docs/*")
        .handler(
            rc -> {
              rc.response().putHeader("Content-Security-Policy", DOCS_POLICY);
              rc.next();
            });
    router.get("/docs/*").handler(StaticHandler.create("static/docs").setIndexPage("index.html"));
    router.get("/docs/*").handler(StaticHandler.create(SWAGGER_UI));
  }
}
