package io.synthos.platform.http;

import io.synthos.platform.tracing.LogContext;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id, echoed in {@code X-Request-Id} and in problem details: the client's
 * own when it sent a sane one (so a trace can span systems), else a fresh UUID.
 */
public final class RequestIds implements PlatformHandler {

  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "synthos.request-id";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  @Override
  public void handle(RoutingContext rc) {
    String sent = rc.request().getHeader(HEADER);
    String id = sent != null && SANE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
    rc.put(KEY, id);
    LogContext.put(LogContext.REQUEST_ID, id);
    rc.response().putHeader(HEADER, id);
    rc.next();
  }

  /** The id of the request, or null before this handler ran. */
  public static String of(RoutingContext rc) {
    return rc.get(KEY);
  }
}
