package io.synthos.platform.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.tracing.opentelemetry.VertxContextStorageProvider.VertxContextStorage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Spans for work Vert.x does not trace by itself, made through the Vert.x tracer of the node: they
 * cost nothing when tracing is off, and what runs inside them (SQL, gRPC, event bus) becomes their
 * children because each runs on its own duplicated context holding the span.
 */
public final class Spans {

  /** A span's attributes, in order. */
  public record Tags(List<Map.Entry<String, String>> entries) {
    public static Tags of(String... keysAndValues) {
      List<Map.Entry<String, String>> entries = new java.util.ArrayList<>();
      for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
        entries.add(Map.entry(keysAndValues[i], String.valueOf(keysAndValues[i + 1])));
      }
      return new Tags(List.copyOf(entries));
    }
  }

  private static final TagExtractor<Tags> TAGS =
      new TagExtractor<>() {
        @Override
        public int len(Tags tags) {
          return tags.entries().size();
        }

        @Override
        public String name(Tags tags, int index) {
          return tags.entries().get(index).getKey();
        }

        @Override
        public String value(Tags tags, int index) {
          return tags.entries().get(index).getValue();
        }
      };

  private static final TextMapGetter<Map<String, String>> MAP_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private Spans() {}

  /**
   * Runs {@code work} in a consumer span whose parent is {@code traceparent} (a W3C header stored
   * earlier, such as a job's); a new trace when it is null.
   */
  public static <T> Future<T> consume(
      Vertx vertx, String name, String traceparent, Tags tags, Supplier<Future<T>> work) {
    ContextInternal context = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
    @SuppressWarnings("unchecked")
    VertxTracer<Object, Object> tracer = context.tracer();
    if (tracer == null) {
      return start(work);
    }
    Iterable<Map.Entry<String, String>> headers =
        traceparent == null ? List.of() : List.of(Map.entry("traceparent", traceparent));
    Promise<T> done = context.promise();
    context.dispatch(
        v -> {
          Object operation =
              tracer.receiveRequest(
                  context, SpanKind.MESSAGING, TracingPolicy.ALWAYS, tags, name, headers, TAGS);
          start(work)
              .onComplete(
                  outcome -> {
                    tracer.sendResponse(context, null, operation, outcome.cause(), TAGS);
                    done.handle(outcome);
                  });
        });
    return done.future();
  }

  /**
   * Runs {@code work} in a client span under the current one (nothing when there is none), so the
   * calls it makes become the span's children.
   */
  public static <T> Future<T> client(String name, Tags tags, Supplier<Future<T>> work) {
    ContextInternal current = ContextInternal.current();
    if (current == null || current.tracer() == null) {
      return start(work);
    }
    @SuppressWarnings("unchecked")
    VertxTracer<Object, Object> tracer = current.tracer();
    Map<String, String> headers = new HashMap<>();
    Object operation =
        tracer.sendRequest(
            current, SpanKind.RPC, TracingPolicy.PROPAGATE, tags, name, headers::put, TAGS);
    if (operation == null) {
      return start(work);
    }
    // The tracer wrote the new span into the headers: make it the parent of what the work sends.
    Context parent =
        W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, MAP_GETTER);
    ContextInternal inner = current.duplicate();
    VertxContextStorage.INSTANCE.attach(inner, parent);
    Promise<T> done = current.promise();
    inner.dispatch(
        v ->
            start(work)
                .onComplete(
                    outcome -> {
                      tracer.receiveResponse(current, null, operation, outcome.cause(), TAGS);
                      done.handle(outcome);
                    }));
    return done.future();
  }

  private static <T> Future<T> start(Supplier<Future<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
