package io.synthos.platform.config;

import io.synthos.platform.config.SynthosConfig.Tracing;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Validates the tracing settings (the standard {@code OTEL_*} variables Synthos honours, and the
 * seed's {@code JAEGER_ENDPOINT}) and the per-logger log levels.
 */
final class ObservabilitySettings {

  private static final Set<String> PROTOCOLS = Set.of("grpc", "http/protobuf");
  private static final Set<String> SAMPLERS =
      Set.of(
          "always_on",
          "always_off",
          "traceidratio",
          "parentbased_always_on",
          "parentbased_always_off",
          "parentbased_traceidratio");
  private static final Set<String> LEVELS =
      Set.of("trace", "debug", "info", "warn", "error", "off");
  private static final Pattern LOGGER = Pattern.compile("[A-Za-z_$][\\w$.-]*");

  private final Function<Setting, String> text;
  private final Function<Setting, String> origin;

  ObservabilitySettings(Function<Setting, String> text, Function<Setting, String> origin) {
    this.text = text;
    this.origin = origin;
  }

  Tracing tracing(boolean enabled) {
    String protocol = text.apply(Setting.OTLP_PROTOCOL).strip().toLowerCase(Locale.ROOT);
    if (!PROTOCOLS.contains(protocol)) {
      throw bad(Setting.OTLP_PROTOCOL, "is not grpc or http/protobuf");
    }
    String sampler = text.apply(Setting.OTEL_TRACES_SAMPLER).strip().toLowerCase(Locale.ROOT);
    if (!SAMPLERS.contains(sampler)) {
      throw bad(Setting.OTEL_TRACES_SAMPLER, "is not one of " + new java.util.TreeSet<>(SAMPLERS));
    }
    String serviceName = text.apply(Setting.OTEL_SERVICE_NAME).strip();
    if (serviceName.isEmpty()) {
      throw new ConfigException(origin.apply(Setting.OTEL_SERVICE_NAME), "must not be empty");
    }
    return new Tracing(
        enabled,
        endpoint(protocol),
        protocol,
        serviceName,
        pairs(Setting.OTEL_RESOURCE_ATTRIBUTES, "key=value,key=value"),
        sampler,
        ratio());
  }

  /** Logger name to level, in the order given; a level Logback does not know is refused. */
  Map<String, String> logLevels() {
    Map<String, String> levels = pairs(Setting.LOG_LEVELS, "logger=level,logger=level");
    levels.forEach(
        (logger, level) -> {
          if (!LOGGER.matcher(logger).matches()
              || !LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
            throw bad(
                Setting.LOG_LEVELS,
                "'" + logger + "=" + level + "' is not logger=level with a level among " + LEVELS);
          }
        });
    return levels;
  }

  /**
   * The OTLP endpoint; without one, the host of the seed's Jaeger URL (Jaeger receives OTLP on 4317
   * and 4318), else a local collector.
   */
  private String endpoint(String protocol) {
    String otlp = text.apply(Setting.OTLP_ENDPOINT).strip();
    String jaeger = text.apply(Setting.JAEGER_ENDPOINT).strip();
    int port = protocol.equals("grpc") ? 4317 : 4318;
    if (!otlp.isEmpty()) {
      return url(Setting.OTLP_ENDPOINT, otlp).toString();
    }
    if (!jaeger.isEmpty()) {
      URI uri = url(Setting.JAEGER_ENDPOINT, jaeger);
      return uri.getScheme() + "://" + uri.getHost() + ":" + port;
    }
    return "http://localhost:" + port;
  }

  private URI url(Setting setting, String value) {
    try {
      URI uri = URI.create(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw bad(setting, "'" + value + "' is not an http(s)://host[:port] URL");
  }

  private double ratio() {
    String value = text.apply(Setting.OTEL_TRACES_SAMPLER_ARG).strip();
    try {
      double ratio = Double.parseDouble(value);
      if (ratio >= 0 && ratio <= 1) {
        return ratio;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(Setting.OTEL_TRACES_SAMPLER_ARG, "'" + value + "' is not a ratio from 0 to 1");
  }

  private Map<String, String> pairs(Setting setting, String shape) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String item : text.apply(setting).split(",")) {
      if (item.isBlank()) {
        continue;
      }
      int equals = item.indexOf('=');
      if (equals <= 0 || equals == item.length() - 1) {
        throw bad(setting, "'" + item.strip() + "' is not " + shape);
      }
      pairs.put(item.substring(0, equals).strip(), item.substring(equals + 1).strip());
    }
    return Collections.unmodifiableMap(pairs);
  }

  private ConfigException bad(Setting setting, String reason) {
    return new ConfigException(origin.apply(setting), reason);
  }
}
