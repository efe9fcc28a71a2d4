package io.synthos.platform.config;

import io.synthos.platform.config.SynthosConfig.Admin;
import io.synthos.platform.config.SynthosConfig.Database;
import io.synthos.platform.config.SynthosConfig.Grpc;
import io.synthos.platform.config.SynthosConfig.Http;
import io.synthos.platform.config.SynthosConfig.LogFormat;
import io.synthos.platform.config.SynthosConfig.MlServices;
import io.synthos.platform.config.SynthosConfig.Mode;
import io.synthos.platform.config.SynthosConfig.Redis;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the defaults in {@code conf/synthos.yaml}, then an optional file, then the environment, and
 * validates the result once. Any problem is a {@link ConfigException} naming the key at fault.
 */
public final class ConfigLoader {

  /** The defaults, on the classpath (copied from the repository's {@code conf/}). */
  public static final String DEFAULTS = "conf/synthos.yaml";

  private static final int MIN_SECRET_LENGTH = 32;

  private final Map<Setting, ConfigValue> values = new EnumMap<>(Setting.class);
  private final Map<Setting, ConfigValue> defaults;

  private ConfigLoader(Map<Setting, ConfigValue> defaults) {
    this.defaults = defaults;
    values.putAll(defaults);
  }

  /**
   * Loads the configuration.
   *
   * @param file an optional YAML file whose keys override the defaults
   * @param env the environment, whose variables override both
   */
  public static SynthosConfig load(Optional<Path> file, Map<String, String> env) {
    ConfigLoader loader = new ConfigLoader(YamlSettings.read(DEFAULTS, readDefaults()));
    file.ifPresent(loader::overlayFile);
    loader.overlayEnvironment(env);
    return loader.build();
  }

  private static String readDefaults() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void overlayFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException | SecurityException e) {
      throw new ConfigException(file.toString(), "cannot read the configuration file (" + e + ")");
    }
    values.putAll(YamlSettings.read(file.toString(), text));
  }

  private void overlayEnvironment(Map<String, String> env) {
    for (Setting setting : Setting.values()) {
      String direct = env.get(setting.env());
      String fileName = setting.secret() ? env.get(setting.env() + "_FILE") : null;
      if (direct != null && fileName != null) {
        throw new ConfigException(
            setting.env(),
            "set either " + setting.env() + " or " + setting.env() + "_FILE, not both");
      }
      if (direct != null) {
        values.put(setting, new ConfigValue(direct, setting.env()));
      } else if (fileName != null) {
        values.put(
            setting, new ConfigValue(readSecretFile(setting, fileName), setting.env() + "_FILE"));
      }
    }
  }

  private static String readSecretFile(Setting setting, String fileName) {
    try {
      return Files.readString(Path.of(fileName)).strip();
    } catch (IOException | SecurityException | java.nio.file.InvalidPathException e) {
      throw new ConfigException(
          setting.env() + "_FILE",
          "cannot read " + fileName + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private SynthosConfig build() {
    Mode mode = Values.oneOf(origin(Setting.MODE), text(Setting.MODE), Mode.class);
    String logFormat = text(Setting.LOG_FORMAT);
    return new SynthosConfig(
        mode,
        Path.of(nonEmpty(Setting.DATA_DIR)).toAbsolutePath().normalize(),
        nonEmpty(Setting.BIND_HOST),
        logFormat.isBlank()
            ? (mode == Mode.PRODUCTION ? LogFormat.JSON : LogFormat.TEXT)
            : Values.oneOf(origin(Setting.LOG_FORMAT), logFormat, LogFormat.class),
        new Http(port(Setting.HTTP_PORT), count(Setting.HTTP_INSTANCES, 0, 256)),
        new Admin(
            port(Setting.ADMIN_PORT), nonEmpty(Setting.ADMIN_USER), secret(Setting.ADMIN_PASSWORD)),
        new Database(
            databaseUrl(),
            count(Setting.DATABASE_POOL_SIZE, 1, 1000),
            portOrZero(Setting.EMBEDDED_PG_PORT)),
        new Redis(redisUrl(), portOrZero(Setting.EMBEDDED_REDIS_PORT)),
        jwtSecret(mode),
        new Grpc(
            port(Setting.GRPC_PORT),
            Duration.ofMillis(count(Setting.GRPC_DEADLINE_MS, 1, 3_600_000))),
        new MlServices(
            address(Setting.DATA_SERVICE_ADDR),
            address(Setting.VALIDATION_SERVICE_ADDR),
            address(Setting.COLLAPSE_SERVICE_ADDR),
            count(Setting.ML_WORKER_THREADS, 1, 1024)),
        Values.bool(origin(Setting.ENABLE_METRICS), text(Setting.ENABLE_METRICS)),
        Values.bool(origin(Setting.ENABLE_TRACING), text(Setting.ENABLE_TRACING)));
  }

  private Secret jwtSecret(Mode mode) {
    Secret secret = secret(Setting.JWT_SECRET);
    if (secret.value().length() < MIN_SECRET_LENGTH) {
      throw new ConfigException(
          origin(Setting.JWT_SECRET), "must be at least " + MIN_SECRET_LENGTH + " characters");
    }
    if (mode == Mode.PRODUCTION && secret.value().equals(defaults.get(Setting.JWT_SECRET).text())) {
      throw new ConfigException(
          origin(Setting.JWT_SECRET),
          "production mode refuses the default secret; set JWT_SECRET or JWT_SECRET_FILE");
    }
    return secret;
  }

  private Secret databaseUrl() {
    Secret url = secret(Setting.DATABASE_URL);
    if (!url.isEmpty()) {
      try {
        PgConnectOptions.fromUri(url.value());
      } catch (RuntimeException e) {
        // The URL may hold a password: name the expected shape, never echo the value.
        throw new ConfigException(
            origin(Setting.DATABASE_URL),
            "not a PostgreSQL URL (postgresql://user:password@host:port/database)");
      }
    }
    return url;
  }

  private Secret redisUrl() {
    Secret url = secret(Setting.REDIS_URL);
    if (!url.isEmpty() && !url.value().matches("(?i)rediss?://[^\\s]+")) {
      throw new ConfigException(
          origin(Setting.REDIS_URL), "not a Redis URL (redis://[:password@]host:port[/db])");
    }
    return url;
  }

  private String text(Setting setting) {
    ConfigValue value = values.get(setting);
    return value == null ? "" : value.text();
  }

  private String origin(Setting setting) {
    ConfigValue value = values.get(setting);
    return value == null ? setting.key() : value.origin();
  }

  private String nonEmpty(Setting setting) {
    String text = text(setting).strip();
    if (text.isEmpty()) {
      throw new ConfigException(origin(setting), "must not be empty");
    }
    return text;
  }

  private Secret secret(Setting setting) {
    return new Secret(text(setting).strip());
  }

  private int port(Setting setting) {
    return Values.port(origin(setting), text(setting));
  }

  private int portOrZero(Setting setting) {
    return Values.intIn(
        origin(setting), text(setting), 0, 65_535, "a port number (0-65535, 0 picks a free one)");
  }

  private int count(Setting setting, int min, int max) {
    return Values.intIn(
        origin(setting), text(setting), min, max, "a whole number from " + min + " to " + max);
  }

  private HostPort address(Setting setting) {
    return HostPort.parse(origin(setting), text(setting).strip());
  }
}
