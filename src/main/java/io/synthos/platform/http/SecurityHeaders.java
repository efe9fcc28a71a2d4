package io.synthos.platform.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Headers every API response carries so browsers never sniff, frame or cache what they should not.
 */
public final class SecurityHeaders implements PlatformHandler {

  @Override
  public void handle(RoutingContext rc) {
    rc.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    rc.next();
  }

  /** For responses that carry credentials or personal data: never stored by any cache. */
  public static void noStore(RoutingContext rc) {
    rc.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
  }
}
