package io.synthos.platform.tracing;

import io.vertx.core.internal.ContextInternal;

/**
 * Who and which request a log line belongs to, kept on the request's duplicated Vert.x context
 * rather than in MDC: an event loop serves many requests, and a thread-local would leak between
 * them.
 */
public final class LogContext {

  public static final String REQUEST_ID = "request_id";
  public static final String USER_ID = "user_id";

  private LogContext() {}

  /** Remembers {@code value} for the rest of the current request; ignored outside of one. */
  public static void put(String key, String value) {
    ContextInternal context = ContextInternal.current();
    if (context != null && context.isDuplicate() && value != null) {
      context.localContextData().put(key(key), value);
    }
  }

  /** The value remembered for the current request, or null. */
  public static String get(String key) {
    ContextInternal context = ContextInternal.current();
    if (context == null || !context.isDuplicate()) {
      return null;
    }
    Object value = context.localContextData().get(key(key));
    return value == null ? null : value.toString();
  }

  private static String key(String key) {
    return "synthos.log." + key;
  }
}
