package io.synthos.dashboard;

import io.vertx.ext.web.RoutingContext;

/** Sends the dashboard's HTML with the headers every page carries. */
final class Pages {

  /**
   * Scripts and styles only from this origin (styles also inline), nothing framed, forms and
   * streams only to here.
   */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'"
          + " data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri"
          + " 'none'";

  private Pages() {}

  static void html(RoutingContext rc, int status, String html) {
    if (rc.response().headWritten()) {
      return;
    }
    rc.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "same-origin")
        .end(html);
  }
}
