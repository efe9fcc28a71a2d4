package io.synthos.platform.config;

import io.synthos.platform.config.SynthosConfig.Admin;
import io.synthos.platform.config.SynthosConfig.Cluster;
import io.synthos.platform.config.SynthosConfig.Database;
import io.synthos.platform.config.SynthosConfig.Datasets;
import io.synthos.platform.config.SynthosConfig.Grpc;
import io.synthos.platform.config.SynthosConfig.Http;
import io.synthos.platform.config.SynthosConfig.Jwt;
import io.synthos.platform.config.SynthosConfig.LogFormat;
import io.synthos.platform.config.SynthosConfig.MlServices;
import io.synthos.platform.config.SynthosConfig.Mode;
import io.synthos.platform.config.SynthosConfig.PoolCapacities;
import io.synthos.platform.config.SynthosConfig.RateLimits;
import io.synthos.platform.config.SynthosConfig.Redis;
import io.synthos.platform.config.SynthosConfig.Scheduler;
import io.synthos.platform.config.SynthosConfig.Tls;
import io.synthos.platform.config.SynthosConfig.Warranties;
import io.vertx.pgclient.PgConnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the defaults in {@code conf/synthos.yaml}, then an optional file, then the environment, and
 * validates the result once. Any problem is a {@link ConfigException} naming the key at fault.
 */
public final class ConfigLoader {

  /** The defaults, on the classpath (copied from the repository's {@code conf/}). */
  public static final String DEFAULTS = "conf/synthos.yaml";

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final Map<Setting, ConfigValue> values = new EnumMap<>(Setting.class);

  private ConfigLoader(Map<Setting, ConfigValue> defaults) {
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
    ObservabilitySettings observability = new ObservabilitySettings(this::text, this::origin);
    Mode mode = Values.oneOf(origin(Setting.MODE), text(Setting.MODE), Mode.class);
    String logFormat = text(Setting.LOG_FORMAT);
    String bindHost = nonEmpty(Setting.BIND_HOST);
    boolean clustered = Values.bool(origin(Setting.CLUSTER), text(Setting.CLUSTER));
    Jwt jwt = jwt(mode, clustered);
    return new SynthosConfig(
        mode,
        Path.of(nonEmpty(Setting.DATA_DIR)).toAbsolutePath().normalize(),
        bindHost,
        logFormat.isBlank()
            ? (mode == Mode.PRODUCTION ? LogFormat.JSON : LogFormat.TEXT)
            : Values.oneOf(origin(Setting.LOG_FORMAT), logFormat, LogFormat.class),
        new Http(
            port(Setting.HTTP_PORT),
            count(Setting.HTTP_INSTANCES, 0, 256),
            count(Setting.HTTP_BODY_LIMIT, 1024, 64 * 1024 * 1024),
            count(Setting.HTTP_BODY_BUDGET, 1, 65_536) * 1024L * 1024L,
            list(Setting.CORS_ALLOWED_ORIGINS)),
        new Admin(port(Setting.ADMIN_PORT), nonEmpty(Setting.ADMIN_USER), adminPassword(mode)),
        new Database(
            databaseUrl(),
            count(Setting.DATABASE_POOL_SIZE, 1, 1000),
            portOrZero(Setting.EMBEDDED_PG_PORT)),
        new Redis(redisUrl(), portOrZero(Setting.EMBEDDED_REDIS_PORT)),
        jwt,
        new RateLimits(
            count(Setting.RATE_LIMIT_LOGIN_PER_IP, 1, 1_000_000),
            count(Setting.RATE_LIMIT_REGISTER_PER_IP, 1, 1_000_000),
            count(Setting.RATE_LIMIT_PER_USER, 1, 1_000_000),
            count(Setting.RATE_LIMIT_PUBLIC_PER_IP, 1, 1_000_000),
            Values.bool(origin(Setting.RATE_LIMIT_FAIL_OPEN), text(Setting.RATE_LIMIT_FAIL_OPEN))),
        new Grpc(
            port(Setting.GRPC_PORT),
            Duration.ofMillis(count(Setting.GRPC_DEADLINE_MS, 1, 3_600_000)),
            Duration.ofMillis(count(Setting.GRPC_WORK_DEADLINE_MS, 1_000, 86_400_000))),
        new Scheduler(Duration.ofSeconds(count(Setting.JOB_LEASE_SECONDS, 3, 3_600))),
        new MlServices(
            address(Setting.DATA_SERVICE_ADDR),
            address(Setting.VALIDATION_SERVICE_ADDR),
            address(Setting.COLLAPSE_SERVICE_ADDR),
            count(Setting.ML_WORKER_THREADS, 1, 1024),
            ServiceSecretRule.check(
                secret(Setting.SERVICE_SECRET), origin(Setting.SERVICE_SECRET), jwt.secret())),
        new Datasets(
            count(Setting.MAX_UPLOAD_MB, 1, 1024 * 1024) * 1024L * 1024L,
            Duration.ofSeconds(count(Setting.UPLOAD_URL_TTL, 60, 7 * 24 * 3600)),
            count(Setting.MAX_COLUMNS, 1, 100_000),
            count(Setting.MAX_LINE_CHARS, 1024, 256 * 1024 * 1024)),
        new PoolCapacities(
            capacity(Setting.POOL_DATA_CAPACITY),
            capacity(Setting.POOL_VALIDATION_CAPACITY),
            capacity(Setting.POOL_COLLAPSE_CAPACITY)),
        new Warranties(optionalFile(Setting.WARRANTY_KEY_FILE), issuer(), tierOverrides()),
        Values.bool(origin(Setting.ENABLE_METRICS), text(Setting.ENABLE_METRICS)),
        observability.tracing(
            Values.bool(origin(Setting.ENABLE_TRACING), text(Setting.ENABLE_TRACING))),
        observability.logLevels(),
        new Cluster(
            clustered,
            list(Setting.CLUSTER_MEMBERS),
            clusterHost(bindHost),
            port(Setting.CLUSTER_PORT),
            portOrZero(Setting.CLUSTER_BUS_PORT)),
        Instances.parse(origin(Setting.INSTANCES), text(Setting.INSTANCES)),
        tls());
  }

  private Tls tls() {
    Optional<Path> cert = optionalFile(Setting.TLS_CERT_FILE);
    Optional<Path> key = optionalFile(Setting.TLS_KEY_FILE);
    if (cert.isPresent() != key.isPresent()) {
      throw new ConfigException(
          origin(cert.isPresent() ? Setting.TLS_KEY_FILE : Setting.TLS_CERT_FILE),
          "TLS needs both TLS_CERT_FILE and TLS_KEY_FILE");
    }
    return new Tls(cert, key, optionalFile(Setting.TLS_TRUST_FILE));
  }

  /** A JSON object (its thresholds are checked when the warranties resource reads it), or empty. */
  private String tierOverrides() {
    String text = text(Setting.WARRANTY_TIERS).strip();
    if (text.isEmpty()) {
      return "";
    }
    try {
      return new io.vertx.core.json.JsonObject(text).encode();
    } catch (RuntimeException e) {
      throw new ConfigException(
          origin(Setting.WARRANTY_TIERS),
          "not a JSON object such as {\"standard\": {\"min_score\": 78}}");
    }
  }

  private String issuer() {
    String issuer = text(Setting.WARRANTY_ISSUER).strip();
    if (issuer.isEmpty() || issuer.length() > 200) {
      throw new ConfigException(
          origin(Setting.WARRANTY_ISSUER), "the warranty issuer must be 1 to 200 characters");
    }
    return issuer;
  }

  private Jwt jwt(Mode mode, boolean clustered) {
    Optional<Path> privateKey = optionalFile(Setting.JWT_PRIVATE_KEY_FILE);
    Optional<Path> publicKey = optionalFile(Setting.JWT_PUBLIC_KEY_FILE);
    if (privateKey.isPresent() != publicKey.isPresent()) {
      throw new ConfigException(
          origin(
              privateKey.isPresent() ? Setting.JWT_PUBLIC_KEY_FILE : Setting.JWT_PRIVATE_KEY_FILE),
          "ES256 needs both JWT_PRIVATE_KEY_FILE and JWT_PUBLIC_KEY_FILE");
    }
    // With a key pair the HMAC secret signs nothing, so it may stay empty even in production.
    Secret secret =
        privateKey.isPresent()
            ? secret(Setting.JWT_SECRET)
            : JwtSecretRule.check(
                secret(Setting.JWT_SECRET), origin(Setting.JWT_SECRET), mode, clustered);
    return new Jwt(
        secret,
        privateKey,
        publicKey,
        nonEmpty(Setting.JWT_ISSUER),
        nonEmpty(Setting.JWT_AUDIENCE),
        Duration.ofSeconds(count(Setting.ACCESS_TOKEN_TTL, 30, 24 * 3600)),
        Duration.ofDays(count(Setting.REFRESH_TOKEN_TTL, 1, 365)));
  }

  private Secret adminPassword(Mode mode) {
    Secret password = secret(Setting.ADMIN_PASSWORD);
    if (mode == Mode.PRODUCTION
        && (password.isEmpty()
            || password.value().equals(nonEmpty(Setting.ADMIN_USER))
            || password.value().equals("admin"))) {
      throw new ConfigException(
          origin(Setting.ADMIN_PASSWORD),
          "production mode needs an admin password of your own (ADMIN_PASSWORD or ADMIN_PASSWORD_FILE)");
    }
    return password;
  }

  private Optional<Path> optionalFile(Setting setting) {
    String text = text(setting).strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Path file = Path.of(text);
    if (!Files.isReadable(file)) {
      throw new ConfigException(origin(setting), "cannot read " + text);
    }
    return Optional.of(file);
  }

  private List<String> list(Setting setting) {
    return Arrays.stream(text(setting).split(","))
        .map(String::strip)
        .filter(item -> !item.isEmpty())
        .toList();
  }

  /** {@code cpu_millis:memory_mib:gpus}, each a whole number, or empty. */
  private String capacity(Setting setting) {
    String text = text(setting).strip();
    if (!text.isEmpty() && !text.matches("\\d{1,9}:\\d{1,9}:\\d{1,4}")) {
      throw new ConfigException(
          origin(setting), "'" + text + "' is not cpu_millis:memory_mib:gpus, e.g. 8000:16384:0");
    }
    return text;
  }

  /**
   * Unset, the cluster listens where the servers do; when they listen on every interface (or on a
   * name), Hazelcast picks the address to announce.
   */
  private String clusterHost(String bindHost) {
    String host = text(Setting.CLUSTER_HOST).strip();
    boolean oneAddress = IPV4.matcher(bindHost).matches() && !bindHost.equals("0.0.0.0");
    return host.isEmpty() && oneAddress ? bindHost : host;
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
