package io.synthos.launcher;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.synthos.platform.NodeInfo;
import io.synthos.platform.config.SynthosConfig;
import io.vertx.core.VertxBuilder;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry SDK of one process when tracing is on: spans go to the configured OTLP endpoint
 * (or to the exporter a test gives), W3C {@code traceparent} crosses every hop. Off, it is nothing:
 * Vert.x then runs without a tracer.
 */
final class NodeTracing implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NodeTracing.class);
  private static final long FLUSH_SECONDS = 10;

  private final OpenTelemetrySdk sdk;

  private NodeTracing(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
  }

  /**
   * Tracing as configured; {@code exporter}, when not null, replaces the OTLP exporter and exports
   * each span as it ends (tests).
   */
  static NodeTracing of(SynthosConfig config, NodeInfo node, SpanExporter exporter) {
    SynthosConfig.Tracing tracing = config.tracing();
    if (!tracing.enabled()) {
      return new NodeTracing(null);
    }
    SpanProcessor processor =
        exporter != null
            ? SimpleSpanProcessor.create(exporter)
            : BatchSpanProcessor.builder(otlp(tracing)).build();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(resource(tracing, node))
            .setSampler(sampler(tracing))
            .addSpanProcessor(new UrlRedaction())
            .addSpanProcessor(processor)
            .build();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(provider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    if (exporter == null) {
      log.info("tracing to {} over {}", tracing.endpoint(), tracing.protocol());
    }
    return new NodeTracing(sdk);
  }

  /** Installs the tracer on the Vert.x instance being built; nothing when tracing is off. */
  VertxBuilder applyTo(VertxBuilder builder) {
    return sdk == null ? builder : builder.withTracer(new OpenTelemetryTracingFactory(sdk));
  }

  private static SpanExporter otlp(SynthosConfig.Tracing tracing) {
    if (tracing.protocol().equals("grpc")) {
      return OtlpGrpcSpanExporter.builder().setEndpoint(tracing.endpoint()).build();
    }
    // The standard variable names the collector's base URL; the traces path is the signal's.
    String base = tracing.endpoint().replaceAll("/+$", "");
    return OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").build();
  }

  private static Resource resource(SynthosConfig.Tracing tracing, NodeInfo node) {
    AttributesBuilder attributes = Attributes.builder();
    tracing.resourceAttributes().forEach(attributes::put);
    attributes
        .put("service.name", tracing.serviceName())
        .put("service.version", node.version())
        .put("service.instance.id", node.id());
    return Resource.getDefault().merge(Resource.create(attributes.build()));
  }

  private static Sampler sampler(SynthosConfig.Tracing tracing) {
    return switch (tracing.sampler()) {
      case "always_on" -> Sampler.alwaysOn();
      case "always_off" -> Sampler.alwaysOff();
      case "traceidratio" -> Sampler.traceIdRatioBased(tracing.ratio());
      case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
      case "parentbased_traceidratio" ->
          Sampler.parentBased(Sampler.traceIdRatioBased(tracing.ratio()));
      default -> Sampler.parentBased(Sampler.alwaysOn());
    };
  }

  /** Flushes the spans still buffered, then stops the exporter. */
  @Override
  public void close() {
    if (sdk == null) {
      return;
    }
    if (!sdk.shutdown().join(FLUSH_SECONDS, TimeUnit.SECONDS).isSuccess()) {
      log.warn("tracing did not flush within {} s", FLUSH_SECONDS);
    }
  }
}
