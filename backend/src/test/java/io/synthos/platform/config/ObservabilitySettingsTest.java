package io.synthos.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.platform.config.SynthosConfig.Tracing;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tracing and log settings")
class ObservabilitySettingsTest {

  private static SynthosConfig load(Map<String, String> env) {
    return ConfigLoader.load(Optional.empty(), env);
  }

  @Test
  @DisplayName("default to no tracing, a local OTLP collector over gRPC, every trace sampled")
  void defaults() {
    Tracing tracing = load(Map.of()).tracing();
    assertThat(tracing.enabled()).isFalse();
    assertThat(tracing.endpoint()).isEqualTo("http://localhost:4317");
    assertThat(tracing.protocol()).isEqualTo("grpc");
    assertThat(tracing.serviceName()).isEqualTo("synthos");
    assertThat(tracing.sampler()).isEqualTo("parentbased_always_on");
    assertThat(tracing.resourceAttributes()).isEmpty();
    assertThat(load(Map.of()).logLevels()).isEmpty();
  }

  @Test
  @DisplayName("honour the standard OTEL_* variables")
  void standardVariables() {
    Tracing tracing =
        load(Map.of(
                "ENABLE_TRACING", "true",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_SERVICE_NAME", "synthos-api",
                "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod, team=data",
                "OTEL_TRACES_SAMPLER", "parentbased_traceidratio",
                "OTEL_TRACES_SAMPLER_ARG", "0.25"))
            .tracing();
    assertThat(tracing.enabled()).isTrue();
    assertThat(tracing.endpoint()).isEqualTo("http://collector:4318");
    assertThat(tracing.protocol()).isEqualTo("http/protobuf");
    assertThat(tracing.serviceName()).isEqualTo("synthos-api");
    assertThat(tracing.resourceAttributes())
        .containsExactly(Map.entry("deployment.environment", "prod"), Map.entry("team", "data"));
    assertThat(tracing.sampler()).isEqualTo("parentbased_traceidratio");
    assertThat(tracing.ratio()).isEqualTo(0.25);
  }

  @Test
  @DisplayName("map the seed's JAEGER_ENDPOINT onto Jaeger's OTLP port; an OTLP endpoint wins")
  void jaeger() {
    assertThat(
            load(Map.of("JAEGER_ENDPOINT", "http://jaeger:14268/api/traces")).tracing().endpoint())
        .isEqualTo("http://jaeger:4317");
    assertThat(
            load(Map.of(
                    "JAEGER_ENDPOINT",
                    "http://jaeger:14268/api/traces",
                    "OTEL_EXPORTER_OTLP_PROTOCOL",
                    "http/protobuf"))
                .tracing()
                .endpoint())
        .isEqualTo("http://jaeger:4318");
    assertThat(
            load(Map.of(
                    "JAEGER_ENDPOINT", "http://jaeger:14268/api/traces",
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4317"))
                .tracing()
                .endpoint())
        .isEqualTo("http://otel:4317");
  }

  @Test
  @DisplayName("refuse bad tracing values, naming the variable")
  void badTracing() {
    assertThatThrownBy(() -> load(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317' is not");
    assertThatThrownBy(() -> load(Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "thrift")))
        .hasMessageStartingWith("OTEL_EXPORTER_OTLP_PROTOCOL: ");
    assertThatThrownBy(() -> load(Map.of("OTEL_TRACES_SAMPLER", "sometimes")))
        .hasMessageStartingWith("OTEL_TRACES_SAMPLER: ");
    assertThatThrownBy(() -> load(Map.of("OTEL_TRACES_SAMPLER_ARG", "1.5")))
        .hasMessage("OTEL_TRACES_SAMPLER_ARG: '1.5' is not a ratio from 0 to 1");
    assertThatThrownBy(() -> load(Map.of("OTEL_RESOURCE_ATTRIBUTES", "team")))
        .hasMessage("OTEL_RESOURCE_ATTRIBUTES: 'team' is not key=value,key=value");
  }

  @Test
  @DisplayName("read LOG_LEVELS per logger, in order")
  void logLevels() {
    assertThat(
            load(Map.of("LOG_LEVELS", "io.synthos.orchestrator=debug, io.vertx=WARN")).logLevels())
        .containsExactly(
            Map.entry("io.synthos.orchestrator", "debug"), Map.entry("io.vertx", "WARN"));
  }

  @Test
  @DisplayName("refuse a LOG_LEVELS entry with an unknown level or no level, naming LOG_LEVELS")
  void badLogLevels() {
    assertThatThrownBy(() -> load(Map.of("LOG_LEVELS", "io.synthos=loud")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("LOG_LEVELS: 'io.synthos=loud' is not logger=level");
    assertThatThrownBy(() -> load(Map.of("LOG_LEVELS", "io.synthos")))
        .hasMessageStartingWith("LOG_LEVELS: 'io.synthos' is not logger=level");
    assertThatThrownBy(() -> load(Map.of("LOG_LEVELS", "io synthos=debug")))
        .hasMessageStartingWith("LOG_LEVELS: ");
  }
}
