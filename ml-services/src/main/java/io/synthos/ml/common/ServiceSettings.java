package io.synthos.ml.common;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * The deployment settings every ML gRPC service reads: where to listen, how many worker threads to
 * give its statistics, and which version to report.
 */
public record ServiceSettings(String host, int port, int workerThreads, String version) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_WORKER_THREADS = 2;
  public static final String DEFAULT_VERSION = "dev";

  /**
   * Reads and checks the settings once, at start-up.
   *
   * @throws IllegalArgumentException naming the key that is missing or wrong
   */
  public static ServiceSettings from(JsonObject config) {
    int port = integer(config, "port", null);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("config 'port' must be 1-65535, got " + port);
    }
    int workerThreads = integer(config, "workerThreads", DEFAULT_WORKER_THREADS);
    if (workerThreads < 1) {
      throw new IllegalArgumentException("config 'workerThreads' must be at least 1");
    }
    return new ServiceSettings(
        string(config, "host", DEFAULT_HOST),
        port,
        workerThreads,
        string(config, "version", DEFAULT_VERSION));
  }

  /** A string setting; {@code fallback == null} makes it required. */
  public static String string(JsonObject config, String key, String fallback) {
    Object value = config.getValue(key, fallback);
    if (value == null) {
      throw new IllegalArgumentException("config '" + key + "' is required");
    }
    if (value instanceof String text && !text.isBlank()) {
      return text;
    }
    throw new IllegalArgumentException("config '" + key + "' must be a non-empty string");
  }

  /**
   * A duration setting in whole milliseconds, at least one.
   *
   * @throws IllegalArgumentException when it is not a positive whole number
   */
  public static Duration millis(JsonObject config, String key, Duration fallback) {
    int millis = integer(config, key, (int) fallback.toMillis());
    if (millis < 1) {
      throw new IllegalArgumentException("config '" + key + "' must be at least 1 (ms)");
    }
    return Duration.ofMillis(millis);
  }

  private static int integer(JsonObject config, String key, Integer fallback) {
    Object value = config.getValue(key, fallback);
    if (value == null) {
      throw new IllegalArgumentException("config '" + key + "' is required");
    }
    // JSON numbers may arrive as Long or Double: accept only whole values that fit an int.
    if (value instanceof Number number && number.doubleValue() == number.intValue()) {
      return number.intValue();
    }
    throw new IllegalArgumentException("config '" + key + "' must be an integer");
  }
}
