package io.synthos.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The validated configuration of one Synthos process. */
public record SynthosConfig(
    Mode mode,
    Path dataDir,
    String bindHost,
    LogFormat logFormat,
    Http http,
    Admin admin,
    Database database,
    Redis redis,
    Jwt jwt,
    RateLimits rateLimits,
    Grpc grpc,
    Scheduler scheduler,
    MlServices services,
    Datasets datasets,
    PoolCapacities pools,
    Warranties warranties,
    boolean metricsEnabled,
    Tracing tracing,
    Map<String, String> logLevels,
    Cluster cluster,
    Map<String, Integer> instances,
    Tls tls) {

  /** Development makes its own JWT secret; production needs secrets of its own and logs JSON. */
  public enum Mode {
    DEVELOPMENT,
    PRODUCTION
  }

  public enum LogFormat {
    TEXT,
    JSON
  }

  /**
   * The REST API: its port, how many verticle instances share it, its body limit, the most body
   * bytes it holds at once across all requests, and CORS.
   */
  public record Http(
      int port,
      int instances,
      long bodyLimitBytes,
      long bodyBudgetBytes,
      List<String> corsAllowedOrigins) {}

  /**
   * Token settings: HS256 with {@code secret}, or ES256 when both key files are given. In
   * development mode on one node the secret may be empty until the launcher fills in the data
   * directory's own ({@link #needsGeneratedSecret()}).
   */
  public record Jwt(
      Secret secret,
      Optional<Path> privateKeyFile,
      Optional<Path> publicKeyFile,
      String issuer,
      String audience,
      Duration accessTtl,
      Duration refreshTtl) {

    public boolean usesKeyPair() {
      return privateKeyFile.isPresent();
    }

    /** Neither a secret nor a key pair is configured: development mode on one node. */
    public boolean needsGeneratedSecret() {
      return secret.isEmpty() && !usesKeyPair();
    }

    Jwt withSecret(Secret generated) {
      return new Jwt(
          generated, privateKeyFile, publicKeyFile, issuer, audience, accessTtl, refreshTtl);
    }
  }

  /**
   * Limits kept in Redis and shared by every node; {@code failOpen} decides while Redis is down.
   */
  public record RateLimits(
      int loginPerIpPerMinute,
      int registerPerIpPerHour,
      int perUserPerMinute,
      int publicPerIpPerMinute,
      boolean failOpen) {}

  /** The dashboard's port and bootstrap admin account. */
  public record Admin(int port, String user, Secret password) {}

  /** PostgreSQL: an external URL, or (when empty) an embedded server on {@code embeddedPort}. */
  public record Database(Secret url, int poolSize, int embeddedPort) {
    public boolean embedded() {
      return url.isEmpty();
    }
  }

  /** Redis: an external URL, or (when empty) an embedded server on {@code embeddedPort}. */
  public record Redis(Secret url, int embeddedPort) {
    public boolean embedded() {
      return url.isEmpty();
    }
  }

  /**
   * The orchestrator's gRPC port, the deadline of every quick call to an ML service, and the longer
   * one of a computation (ingest, validate, analyse).
   */
  public record Grpc(int port, Duration deadline, Duration workDeadline) {}

  /**
   * The job scheduler: how long a claimed job's lease lasts. A node that dies holding jobs gives
   * them up when their leases run out (at once when a cluster sees it leave), so a shorter lease
   * re-runs them sooner and costs more renewals.
   */
  public record Scheduler(Duration lease) {}

  /**
   * Uploads: the largest accepted, and how long an upload URL stays valid; ingests: the most
   * columns and the longest line a dataset may have.
   */
  public record Datasets(
      long maxUploadBytes, Duration uploadUrlTtl, int maxColumns, int maxLineChars) {}

  /**
   * Configured capacity of each ML pool as {@code cpu_millis:memory_mib:gpus}; empty means the
   * resource tracker asks the service what its node offers.
   */
  public record PoolCapacities(String data, String validation, String collapse) {}

  /**
   * Where the ML services listen, the worker threads each one runs statistics on, and the secret
   * every call to them carries (empty in development mode on one node until the launcher fills in
   * the data directory's own).
   */
  public record MlServices(
      HostPort data, HostPort validation, HostPort collapse, int workerThreads, Secret secret) {

    MlServices withSecret(Secret generated) {
      return new MlServices(data, validation, collapse, workerThreads, generated);
    }
  }

  /**
   * Warranty signing: the ES256 key from {@code keyFile}, or else keys kept under the data
   * directory ({@link #warrantyKeysDir()}); {@code issuer} names the signer in every warranty;
   * {@code tierOverrides} changes the published tiers' thresholds (a JSON object, empty for none).
   */
  public record Warranties(Optional<Path> keyFile, String issuer, String tierOverrides) {}

  /**
   * OpenTelemetry tracing: whether spans are exported, where (an OTLP endpoint, over {@code grpc}
   * or {@code http/protobuf}), as which service with which resource attributes, and the sampler
   * ({@code ratio} serves the traceidratio samplers).
   */
  public record Tracing(
      boolean enabled,
      String endpoint,
      String protocol,
      String serviceName,
      Map<String, String> resourceAttributes,
      String sampler,
      double ratio) {}

  public boolean tracingEnabled() {
    return tracing.enabled();
  }

  /**
   * Clustering over Hazelcast: whether to join, the members to reach over TCP/IP, the interface to
   * bind (empty: Hazelcast picks), the Hazelcast port and the event-bus port (0: any free one).
   */
  public record Cluster(
      boolean enabled, List<String> members, String host, int port, int busPort) {}

  /**
   * TLS from PEM files: with a certificate and key, HTTPS (with HSTS) on the REST and dashboard
   * ports and TLS on the gRPC servers; gRPC clients trust {@code trustFile}, or the certificate.
   */
  public record Tls(Optional<Path> certFile, Optional<Path> keyFile, Optional<Path> trustFile) {
    public boolean enabled() {
      return certFile.isPresent();
    }

    /** What gRPC clients trust: the configured CAs, or the node's own certificate. */
    public Optional<Path> trusted() {
      return trustFile.or(() -> certFile);
    }
  }

  /** How many instances of a role's verticle this process deploys, or {@code fallback}. */
  public int instancesOf(String role, int fallback) {
    return instances.getOrDefault(role, fallback);
  }

  /** This configuration with a database URL, such as the embedded server's. */
  public SynthosConfig withDatabaseUrl(Secret url) {
    return with(
        new Database(url, database.poolSize(), database.embeddedPort()), redis, jwt, services);
  }

  /** This configuration with a Redis URL, such as the embedded server's. */
  public SynthosConfig withRedisUrl(Secret url) {
    return with(database, new Redis(url, redis.embeddedPort()), jwt, services);
  }

  /** This configuration with the JWT secret kept in the data directory. */
  public SynthosConfig withGeneratedJwtSecret(Secret secret) {
    return with(database, redis, jwt.withSecret(secret), services);
  }

  /** This configuration with the ML services' secret kept in the data directory. */
  public SynthosConfig withGeneratedServiceSecret(Secret secret) {
    return with(database, redis, jwt, services.withSecret(secret));
  }

  private SynthosConfig with(Database database, Redis redis, Jwt jwt, MlServices services) {
    return new SynthosConfig(
        mode,
        dataDir,
        bindHost,
        logFormat,
        http,
        admin,
        database,
        redis,
        jwt,
        rateLimits,
        grpc,
        scheduler,
        services,
        datasets,
        pools,
        warranties,
        metricsEnabled,
        tracing,
        logLevels,
        cluster,
        instances,
        tls);
  }

  /** Where the embedded PostgreSQL keeps its data. */
  public Path postgresDir() {
    return dataDir.resolve("postgres");
  }

  /** Where the embedded Redis keeps its append-only file. */
  public Path redisDir() {
    return dataDir.resolve("redis");
  }

  /** Where the warranty signing keys are kept, unless a key file is configured. */
  public Path warrantyKeysDir() {
    return dataDir.resolve("warranty-keys");
  }

  /** Where development mode keeps the JWT secret it made, unless one is configured. */
  public Path jwtSecretFile() {
    return dataDir.resolve("secrets").resolve("jwt-secret");
  }

  /** Where development mode keeps the ML services' secret it made, unless one is configured. */
  public Path serviceSecretFile() {
    return dataDir.resolve("secrets").resolve("service-secret");
  }

  /** Where the data service keeps dataset bytes. */
  public Path datasetsDir() {
    return dataDir.resolve("datasets");
  }
}
