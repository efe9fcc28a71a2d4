package io.synthos.platform.tracing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.trace.SpanContext;
import java.io.IOException;
import net.logstash.logback.composite.AbstractJsonProvider;

/**
 * Adds {@code trace_id}, {@code span_id}, {@code request_id} and {@code user_id} to JSON log lines,
 * read when the line is written from the Vert.x context of the code that logs it.
 */
public final class TraceJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
    SpanContext span = TraceContexts.span();
    if (span.isValid()) {
      generator.writeStringField("trace_id", span.getTraceId());
      generator.writeStringField("span_id", span.getSpanId());
    }
    write(generator, LogContext.REQUEST_ID);
    write(generator, LogContext.USER_ID);
  }

  private static void write(JsonGenerator generator, String key) throws IOException {
    String value = LogContext.get(key);
    if (value != null) {
      generator.writeStringField(key, value);
    }
  }
}
