package io.synthos.api;

import io.synthos.platform.http.ProblemType;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Refuses text holding the NUL character (U+0000) — in the path, the query or a JSON body — with
 * 400, before anything stores it: PostgreSQL cannot keep NUL in text, and a name or reason holding
 * one used to fail its insert with a 500. Streamed bodies (dataset files) are the data service's to
 * read and are not looked at here.
 */
final class NoNulCharacters implements Handler<RoutingContext> {

  private static final String ESCAPE = "\\u0000";

  @Override
  public void handle(RoutingContext rc) {
    if (rc.request().path().indexOf('\0') >= 0 || inQuery(rc) || inJsonBody(rc)) {
      rc.fail(
          ProblemType.INVALID_TEXT.exception("Text may not contain the NUL character (U+0000)."));
      return;
    }
    rc.next();
  }

  private static boolean inQuery(RoutingContext rc) {
    for (Map.Entry<String, String> parameter : rc.queryParams()) {
      if (parameter.getKey().indexOf('\0') >= 0 || parameter.getValue().indexOf('\0') >= 0) {
        return true;
      }
    }
    return false;
  }

  /** JSON writes NUL only as the escape {@code \u0000}; raw NUL bytes are not JSON at all. */
  private static boolean inJsonBody(RoutingContext rc) {
    Buffer body = rc.body() == null ? null : rc.body().buffer();
    if (body == null || body.length() < ESCAPE.length()) {
      return false;
    }
    String text = body.toString();
    for (int at = text.indexOf(ESCAPE); at >= 0; at = text.indexOf(ESCAPE, at + 1)) {
      int backslashes = 0;
      for (int i = at; i >= 0 && text.charAt(i) == '\\'; i--) {
        backslashes++;
      }
      // An odd run ends in the escape's own backslash; an even one is an escaped backslash.
      if (backslashes % 2 == 1) {
        return true;
      }
    }
    return false;
  }
}
