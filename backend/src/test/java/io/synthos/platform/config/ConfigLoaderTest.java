package io.synthos.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.platform.config.SynthosConfig.LogFormat;
import io.synthos.platform.config.SynthosConfig.Mode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Configuration")
class ConfigLoaderTest {

  private static final String SECRET = "a-secret-of-more-than-thirty-two-characters";

  /** What conf/synthos.yaml shipped as jwt.secret until development mode made its own. */
  private static final String FORMER_DEFAULT_SECRET =
      "development-only-secret-change-me-in-production";

  /** Production mode with an admin password of its own: what it needs besides a JWT key. */
  private static final Map<String, String> PRODUCTION =
      Map.of("SYNTHOS_MODE", "production", "ADMIN_PASSWORD", "a-real-admin-password");

  private static SynthosConfig load(Map<String, String> env) {
    return ConfigLoader.load(Optional.empty(), env);
  }

  @Test
  @DisplayName("defaults match the seed system's ports and start embedded servers")
  void defaults() {
    SynthosConfig config = load(Map.of());

    assertThat(config.mode()).isEqualTo(Mode.DEVELOPMENT);
    assertThat(config.http().port()).isEqualTo(8000);
    assertThat(config.admin().port()).isEqualTo(3001);
    assertThat(config.grpc().port()).isEqualTo(50053);
    assertThat(config.services().validation()).isEqualTo(new HostPort("localhost", 50051));
    assertThat(config.services().collapse()).isEqualTo(new HostPort("localhost", 50052));
    assertThat(config.services().data()).isEqualTo(new HostPort("localhost", 50054));
    assertThat(config.database().embedded()).isTrue();
    assertThat(config.redis().embedded()).isTrue();
    assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
    assertThat(config.dataDir().isAbsolute()).isTrue();
    assertThat(config.dataDir().getFileName()).hasToString("data");
    assertThat(config.scheduler().lease()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  @DisplayName("JOB_LEASE_SECONDS sets the lease; below 3 s or above an hour is refused")
  void lease() {
    assertThat(load(Map.of("JOB_LEASE_SECONDS", "5")).scheduler().lease())
        .isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> load(Map.of("JOB_LEASE_SECONDS", "2")))
        .hasMessageContaining("JOB_LEASE_SECONDS");
    assertThatThrownBy(() -> load(Map.of("JOB_LEASE_SECONDS", "3601")))
        .hasMessageContaining("JOB_LEASE_SECONDS");
  }

  @Test
  @DisplayName("the seed system's environment variables override the defaults")
  void environmentOverrides() {
    SynthosConfig config =
        load(
            Map.ofEntries(
                Map.entry("PORT", "9000"),
                Map.entry("ADMIN_PORT", "9001"),
                Map.entry("WORKERS", "3"),
                Map.entry("DATABASE_URL", "postgresql://synthos:pw@db.internal:6543/synthos"),
                Map.entry("REDIS_URL", "redis://cache:6380/2"),
                Map.entry("JWT_SECRET", SECRET),
                Map.entry("GRPC_PORT", "6000"),
                Map.entry("VALIDATION_SERVICE_ADDR", "validation:7001"),
                Map.entry("COLLAPSE_SERVICE_ADDR", "collapse:7002"),
                Map.entry("DATA_SERVICE_ADDR", "data:7004"),
                Map.entry("ENABLE_METRICS", "false"),
                Map.entry("ENABLE_TRACING", "true"),
                Map.entry("ADMIN_USER", "root"),
                Map.entry("ADMIN_PASSWORD", "hunter2-but-longer"),
                Map.entry("SYNTHOS_DATA_DIR", "/var/lib/synthos")));

    assertThat(config.http().port()).isEqualTo(9000);
    assertThat(config.http().instances()).isEqualTo(3);
    assertThat(config.admin().port()).isEqualTo(9001);
    assertThat(config.admin().user()).isEqualTo("root");
    assertThat(config.admin().password().value()).isEqualTo("hunter2-but-longer");
    assertThat(config.database().embedded()).isFalse();
    assertThat(config.database().url().value())
        .isEqualTo("postgresql://synthos:pw@db.internal:6543/synthos");
    assertThat(config.redis().url().value()).isEqualTo("redis://cache:6380/2");
    assertThat(config.jwt().secret().value()).isEqualTo(SECRET);
    assertThat(config.grpc().port()).isEqualTo(6000);
    assertThat(config.services().validation()).isEqualTo(new HostPort("validation", 7001));
    assertThat(config.services().collapse()).isEqualTo(new HostPort("collapse", 7002));
    assertThat(config.services().data()).isEqualTo(new HostPort("data", 7004));
    assertThat(config.metricsEnabled()).isFalse();
    assertThat(config.tracingEnabled()).isTrue();
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/synthos"));
  }

  @Test
  @DisplayName("warranty settings: issuer, tier overrides as a JSON object, and bad ones named")
  void warranties() {
    SynthosConfig config =
        load(
            Map.of(
                "SYNTHOS_WARRANTY_ISSUER", "acme synthetic data",
                "SYNTHOS_WARRANTY_TIERS", "{\"standard\": {\"min_score\": 78}}"));

    assertThat(config.warranties().issuer()).isEqualTo("acme synthetic data");
    assertThat(new JsonObject(config.warranties().tierOverrides()))
        .isEqualTo(new JsonObject().put("standard", new JsonObject().put("min_score", 78)));
    assertThat(load(Map.of()).warranties().tierOverrides()).isEmpty();
    assertThatThrownBy(() -> load(Map.of("SYNTHOS_WARRANTY_TIERS", "min_score=78")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("SYNTHOS_WARRANTY_TIERS: not a JSON object");
    assertThatThrownBy(() -> load(Map.of("SYNTHOS_WARRANTY_ISSUER", " ")))
        .hasMessageStartingWith("SYNTHOS_WARRANTY_ISSUER:");
  }

  @Test
  @DisplayName("a port that is not a number names PORT and the problem")
  void badPort() {
    assertThatThrownBy(() -> load(Map.of("PORT", "abc")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("PORT: 'abc' is not a port number (1-65535)");
    assertThatThrownBy(() -> load(Map.of("ADMIN_PORT", "70000")))
        .hasMessageStartingWith("ADMIN_PORT: '70000' is not a port number");
  }

  @Test
  @DisplayName("malformed values name their variable")
  void malformedValues() {
    assertThatThrownBy(() -> load(Map.of("VALIDATION_SERVICE_ADDR", "nohost")))
        .hasMessageStartingWith("VALIDATION_SERVICE_ADDR: 'nohost' is not an address");
    assertThatThrownBy(() -> load(Map.of("ENABLE_METRICS", "maybe")))
        .hasMessage("ENABLE_METRICS: 'maybe' is not true or false");
    assertThatThrownBy(() -> load(Map.of("WORKERS", "-1")))
        .hasMessageStartingWith("WORKERS: '-1' is not a whole number");
    assertThatThrownBy(() -> load(Map.of("SYNTHOS_MODE", "staging")))
        .hasMessageStartingWith("SYNTHOS_MODE: 'staging' is not one of");
    assertThatThrownBy(() -> load(Map.of("REDIS_URL", "http://cache")))
        .hasMessageStartingWith("REDIS_URL: not a Redis URL");
    assertThatThrownBy(() -> load(Map.of("JWT_SECRET", "short")))
        .hasMessage("JWT_SECRET: must be at least 32 characters");
  }

  @Test
  @DisplayName(
      "a malformed database URL is refused without echoing it, since it may hold a password")
  void badDatabaseUrlIsNotEchoed() {
    assertThatThrownBy(() -> load(Map.of("DATABASE_URL", "mysql://user:topsecretpw@host/db")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DATABASE_URL: not a PostgreSQL URL")
        .hasMessageNotContaining("topsecretpw");
  }

  @Test
  @DisplayName("production mode needs a JWT secret or key pair of its own, and logs JSON")
  void productionNeedsAJwtKey(@TempDir Path dir) throws Exception {
    String needs =
        "production mode needs a secret of your own: set JWT_SECRET or JWT_SECRET_FILE"
            + " (or JWT_PRIVATE_KEY_FILE and JWT_PUBLIC_KEY_FILE)";
    assertThatThrownBy(() -> load(PRODUCTION))
        .isInstanceOf(ConfigException.class)
        .hasMessage("conf/synthos.yaml: jwt.secret: " + needs);
    assertThatThrownBy(() -> load(with(PRODUCTION, "JWT_SECRET", " ")))
        .hasMessage("JWT_SECRET: " + needs);

    SynthosConfig config = load(with(PRODUCTION, "JWT_SECRET", SECRET));
    assertThat(config.jwt().secret().value()).isEqualTo(SECRET);
    assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(load(Map.of("LOG_FORMAT", "json")).logFormat()).isEqualTo(LogFormat.JSON);

    Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n");
    SynthosConfig keyPair =
        load(
            with(
                with(PRODUCTION, "JWT_PRIVATE_KEY_FILE", key.toString()),
                "JWT_PUBLIC_KEY_FILE",
                key.toString()));
    assertThat(keyPair.jwt().usesKeyPair()).isTrue();
    assertThat(keyPair.jwt().needsGeneratedSecret()).isFalse();
  }

  @Test
  @DisplayName("ships no JWT secret: development on one node leaves it to the data directory")
  void noShippedSecret() {
    SynthosConfig config = load(Map.of());

    assertThat(config.jwt().secret().isEmpty()).isTrue();
    assertThat(config.jwt().needsGeneratedSecret()).isTrue();
    assertThat(config.jwtSecretFile()).isEqualTo(config.dataDir().resolve("secrets/jwt-secret"));
    assertThat(load(Map.of("JWT_SECRET", SECRET)).jwt().needsGeneratedSecret()).isFalse();
  }

  @Test
  @DisplayName("a cluster needs one JWT secret or key pair for every node, even in development")
  void clusterNeedsASharedKey() {
    assertThatThrownBy(() -> load(Map.of("SYNTHOS_CLUSTER", "true")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "conf/synthos.yaml: jwt.secret: a cluster needs one secret shared by every node:"
                + " set JWT_SECRET or JWT_SECRET_FILE (or JWT_PRIVATE_KEY_FILE and"
                + " JWT_PUBLIC_KEY_FILE)");

    assertThat(load(Map.of("SYNTHOS_CLUSTER", "true", "JWT_SECRET", SECRET)).cluster().enabled())
        .isTrue();
  }

  @Test
  @DisplayName(
      "refuses the JWT secret conf/synthos.yaml once shipped, in any mode, without echoing it")
  void formerDefaultSecret() {
    for (String mode : new String[] {"development", "production"}) {
      Map<String, String> env = with(PRODUCTION, "SYNTHOS_MODE", mode);
      assertThatThrownBy(() -> load(with(env, "JWT_SECRET", FORMER_DEFAULT_SECRET)))
          .as(mode)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("JWT_SECRET: this is the secret conf/synthos.yaml once shipped")
          .hasMessageNotContaining(FORMER_DEFAULT_SECRET);
    }
  }

  @Test
  @DisplayName(
      "the ML services' secret: none shipped, 32 characters at least, never the JWT secret, from"
          + " the environment or a file, printed as a placeholder")
  void serviceSecret(@TempDir Path dir) throws Exception {
    String service = "a-service-secret-of-more-than-32-characters";
    SynthosConfig shipped = load(Map.of());
    assertThat(shipped.services().secret().isEmpty()).isTrue();
    assertThat(shipped.serviceSecretFile())
        .isEqualTo(shipped.dataDir().resolve("secrets/service-secret"));

    SynthosConfig set = load(Map.of("SYNTHOS_SERVICE_SECRET", service));
    assertThat(set.services().secret().value()).isEqualTo(service);
    assertThat(set.toString()).doesNotContain(service);
    Path file = Files.writeString(dir.resolve("service"), service + "\n");
    assertThat(
            load(Map.of("SYNTHOS_SERVICE_SECRET_FILE", file.toString()))
                .services()
                .secret()
                .value())
        .isEqualTo(service);

    assertThatThrownBy(() -> load(Map.of("SYNTHOS_SERVICE_SECRET", "short-secret")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("SYNTHOS_SERVICE_SECRET: must be at least 32 characters");
    assertThatThrownBy(() -> load(Map.of("SYNTHOS_SERVICE_SECRET", SECRET, "JWT_SECRET", SECRET)))
        .hasMessage("SYNTHOS_SERVICE_SECRET: must differ from the JWT secret")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  @DisplayName("servers listen on loopback unless SYNTHOS_BIND_HOST says otherwise")
  void bindHost() {
    assertThat(load(Map.of()).bindHost()).isEqualTo("127.0.0.1");
    assertThat(load(Map.of("SYNTHOS_BIND_HOST", "0.0.0.0")).bindHost()).isEqualTo("0.0.0.0");
    assertThatThrownBy(() -> load(Map.of("SYNTHOS_BIND_HOST", " ")))
        .hasMessage("SYNTHOS_BIND_HOST: must not be empty");
  }

  @Test
  @DisplayName("the cluster binds where the servers do, unless they listen on every interface")
  void clusterHostFollowsBindHost() {
    Map<String, String> cluster = Map.of("SYNTHOS_CLUSTER", "true", "JWT_SECRET", SECRET);

    assertThat(load(cluster).cluster().host()).isEqualTo("127.0.0.1");
    assertThat(load(with(cluster, "SYNTHOS_BIND_HOST", "10.0.0.7")).cluster().host())
        .isEqualTo("10.0.0.7");
    assertThat(load(with(cluster, "SYNTHOS_BIND_HOST", "0.0.0.0")).cluster().host()).isEmpty();
    assertThat(load(with(cluster, "SYNTHOS_BIND_HOST", "synthos.internal")).cluster().host())
        .isEmpty();
    Map<String, String> everywhere = with(cluster, "SYNTHOS_BIND_HOST", "0.0.0.0");
    assertThat(load(with(everywhere, "SYNTHOS_CLUSTER_HOST", "10.0.0.8")).cluster().host())
        .isEqualTo("10.0.0.8");
  }

  private static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put(name, value);
    return all;
  }

  @Test
  @DisplayName("production mode refuses a missing or default admin password")
  void productionNeedsAnAdminPassword() {
    assertThatThrownBy(() -> load(Map.of("SYNTHOS_MODE", "production", "JWT_SECRET", SECRET)))
        .hasMessageStartingWith(
            "conf/synthos.yaml: admin.password: production mode needs an admin password");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "SYNTHOS_MODE",
                        "production",
                        "JWT_SECRET",
                        SECRET,
                        "ADMIN_PASSWORD",
                        "admin")))
        .hasMessageStartingWith("ADMIN_PASSWORD: production mode needs an admin password");
  }

  @Test
  @DisplayName("token, rate-limit and HTTP settings have safe defaults and their own variables")
  void tokenAndLimitSettings(@TempDir Path dir) throws Exception {
    SynthosConfig defaults = load(Map.of());
    assertThat(defaults.jwt().accessTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(defaults.jwt().refreshTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(defaults.jwt().usesKeyPair()).isFalse();
    assertThat(defaults.rateLimits().failOpen()).isTrue();
    assertThat(defaults.http().corsAllowedOrigins()).isEmpty();

    Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n");
    SynthosConfig custom =
        load(
            Map.of(
                "CORS_ALLOWED_ORIGINS",
                "https://a.example, https://b.example",
                "RATE_LIMIT_FAIL_OPEN",
                "false",
                "JWT_PRIVATE_KEY_FILE",
                key.toString(),
                "JWT_PUBLIC_KEY_FILE",
                key.toString()));
    assertThat(custom.http().corsAllowedOrigins())
        .containsExactly("https://a.example", "https://b.example");
    assertThat(custom.rateLimits().failOpen()).isFalse();
    assertThat(custom.jwt().usesKeyPair()).isTrue();

    assertThatThrownBy(() -> load(Map.of("JWT_PRIVATE_KEY_FILE", key.toString())))
        .hasMessageContaining("ES256 needs both JWT_PRIVATE_KEY_FILE and JWT_PUBLIC_KEY_FILE");
    assertThatThrownBy(
            () -> load(Map.of("JWT_PUBLIC_KEY_FILE", dir.resolve("absent.pem").toString())))
        .hasMessageStartingWith("JWT_PUBLIC_KEY_FILE: cannot read");
  }

  @Test
  @DisplayName("secrets can be read from files named by *_FILE variables")
  void secretFiles(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("jwt"), SECRET + "\n");

    SynthosConfig config = load(Map.of("JWT_SECRET_FILE", secret.toString()));

    assertThat(config.jwt().secret().value()).isEqualTo(SECRET);
    assertThatThrownBy(() -> load(Map.of("JWT_SECRET_FILE", dir.resolve("missing").toString())))
        .hasMessageStartingWith("JWT_SECRET_FILE: cannot read");
    assertThatThrownBy(
            () -> load(Map.of("JWT_SECRET_FILE", secret.toString(), "JWT_SECRET", SECRET)))
        .hasMessage("JWT_SECRET: set either JWT_SECRET or JWT_SECRET_FILE, not both");
  }

  @Test
  @DisplayName("a configuration file overrides the defaults and the environment overrides the file")
  void fileThenEnvironment(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("synthos.yaml"), "http:\n  port: 8100\ngrpc:\n  deadline-ms: 250\n");

    SynthosConfig fromFile = ConfigLoader.load(Optional.of(file), Map.of());
    SynthosConfig fromEnv = ConfigLoader.load(Optional.of(file), Map.of("PORT", "8200"));

    assertThat(fromFile.http().port()).isEqualTo(8100);
    assertThat(fromFile.grpc().deadline()).isEqualTo(Duration.ofMillis(250));
    assertThat(fromEnv.http().port()).isEqualTo(8200);
  }

  @Test
  @DisplayName("a bad value in a file names the file and the key")
  void badValueInFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("synthos.yaml"), "http:\n  port: eighty\n");

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
        .hasMessage(file + ": http.port: 'eighty' is not a port number (1-65535)");
  }

  @Test
  @DisplayName("unknown keys, invalid YAML and unreadable files are refused")
  void badFiles(@TempDir Path dir) throws Exception {
    Path unknown = Files.writeString(dir.resolve("unknown.yaml"), "http:\n  prot: 8100\n");
    Path invalid = Files.writeString(dir.resolve("invalid.yaml"), "http: [unclosed\n");

    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(unknown), Map.of()))
        .hasMessage(unknown + ": http.prot: unknown configuration key");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(invalid), Map.of()))
        .hasMessageStartingWith(invalid + ": not valid YAML");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("absent.yaml")), Map.of()))
        .hasMessageStartingWith(
            dir.resolve("absent.yaml") + ": cannot read the configuration file");
  }

  @Test
  @DisplayName("secrets print as a placeholder, never as their value")
  void secretsArePlaceholders() {
    SynthosConfig config =
        load(Map.of("JWT_SECRET", SECRET, "DATABASE_URL", "postgresql://u:pw123456@h/d"));

    assertThat(config.toString())
        .doesNotContain(SECRET)
        .doesNotContain("pw123456")
        .contains("(secret)");
  }

  @Test
  @DisplayName("clustering is off by default and reads members, interface, ports and instances")
  void cluster() {
    assertThat(load(Map.of()).cluster().enabled()).isFalse();
    assertThat(load(Map.of()).instances()).isEmpty();

    SynthosConfig config =
        load(
            Map.of(
                "SYNTHOS_CLUSTER", "true",
                "JWT_SECRET", SECRET,
                "SYNTHOS_CLUSTER_MEMBERS", "10.0.0.1:5701, 10.0.0.2 ,",
                "SYNTHOS_CLUSTER_HOST", "10.0.0.3",
                "SYNTHOS_CLUSTER_PORT", "5801",
                "SYNTHOS_CLUSTER_BUS_PORT", "5802",
                "SYNTHOS_INSTANCES", "api=4, Orchestrator=2"));

    assertThat(config.cluster())
        .isEqualTo(
            new SynthosConfig.Cluster(
                true, java.util.List.of("10.0.0.1:5701", "10.0.0.2"), "10.0.0.3", 5801, 5802));
    assertThat(config.instancesOf("api", 1)).isEqualTo(4);
    assertThat(config.instancesOf("orchestrator", 1)).isEqualTo(2);
    assertThat(config.instancesOf("auth", 1)).isEqualTo(1);
  }

  @Test
  @DisplayName("refuses instances that are not role=count with a count from 1 to 256")
  void badInstances() {
    for (String bad : new String[] {"api", "api=0", "api=x", "=3", "api=257"}) {
      assertThatThrownBy(() -> load(Map.of("SYNTHOS_INSTANCES", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("SYNTHOS_INSTANCES");
    }
  }

  @Test
  @DisplayName("TLS is off by default and needs both the certificate and the key")
  void tls() throws Exception {
    assertThat(load(Map.of()).tls().enabled()).isFalse();
    java.nio.file.Path cert = java.nio.file.Files.createTempFile("cert", ".pem");

    assertThatThrownBy(() -> load(Map.of("TLS_CERT_FILE", cert.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("TLS needs both TLS_CERT_FILE and TLS_KEY_FILE");
    SynthosConfig config =
        load(Map.of("TLS_CERT_FILE", cert.toString(), "TLS_KEY_FILE", cert.toString()));
    assertThat(config.tls().enabled()).isTrue();
    assertThat(config.tls().trusted()).contains(cert);
  }
}
