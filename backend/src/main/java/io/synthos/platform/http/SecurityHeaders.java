package io.synthos.platform.http;

import io.synthos.platform.TlsOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Headers every API response carries so browsers never sniff, frame or cache what they should not.
 */
public final class SecurityHeaders implements PlatformHandler {

  private final boolean https;

  /** Plain HTTP: no Strict-Transport-Security, which browsers ignore there anyway. */
  public SecurityHeaders() {
    this(false);
  }

  /**
   * @param https whether the server speaks HTTPS: then responses also carry HSTS
   */
  public SecurityHeaders(boolean https) {
    this.https = https;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (https) {
      rc.response().putHeader("Strict-Transport-Security", TlsOptions.HSTS);
    }
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
