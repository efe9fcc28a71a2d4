package io.synthos.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.vertx.tracing.opentelemetry.VertxContextStorageProvider.VertxContextStorage;

/**
 * The span a piece of code runs under. Vert.x keeps it on the (duplicated) context of each request
 * or message, never in a thread-local, so event loops shared by many requests never mix them up.
 */
public final class TraceContexts {

  private TraceContexts() {}

  /** The OpenTelemetry context of the calling Vert.x context; the root one when there is none. */
  public static Context current() {
    // Read Vert.x's storage directly: OpenTelemetry's global storage may be another (tests).
    Context context = VertxContextStorage.INSTANCE.current();
    return context == null ? Context.root() : context;
  }

  /** The current span's ids; invalid when nothing is traced here. */
  public static SpanContext span() {
    return Span.fromContext(current()).getSpanContext();
  }

  /** The W3C {@code traceparent} of the current span, or null when nothing is traced here. */
  public static String traceparent() {
    SpanContext span = span();
    if (!span.isValid()) {
      return null;
    }
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
  }
}
