package io.synthos.platform.config;

/**
 * Every configuration key, with the environment variable that overrides it. The names of the seed
 * system's variables are kept so its users can move over unchanged.
 */
public enum Setting {
  MODE("mode", "SYNTHOS_MODE", "development or production (production needs secrets of your own)"),
  DATA_DIR("data-dir", "SYNTHOS_DATA_DIR", "where embedded servers and stored datasets live"),
  BIND_HOST(
      "bind-host",
      "SYNTHOS_BIND_HOST",
      "interface every server listens on: 127.0.0.1 by default, 0.0.0.0 for every interface"),
  LOG_FORMAT("log-format", "LOG_FORMAT", "text or json; empty picks json in production"),
  HTTP_PORT("http.port", "PORT", "REST API port"),
  HTTP_INSTANCES("http.instances", "WORKERS", "HTTP verticle instances; 0 means one per core"),
  HTTP_BODY_LIMIT("http.body-limit-bytes", "HTTP_BODY_LIMIT_BYTES", "largest JSON request body"),
  HTTP_BODY_BUDGET(
      "http.body-budget-mb",
      "HTTP_BODY_BUDGET_MB",
      "JSON body bytes the API holds at once across all requests; beyond it, 503"),
  CORS_ALLOWED_ORIGINS(
      "http.cors-allowed-origins",
      "CORS_ALLOWED_ORIGINS",
      "comma-separated origins allowed by CORS; empty allows none"),
  ADMIN_PORT("admin.port", "ADMIN_PORT", "dashboard port"),
  ADMIN_USER("admin.user", "ADMIN_USER", "bootstrap admin account"),
  ADMIN_PASSWORD("admin.password", "ADMIN_PASSWORD", "bootstrap admin password", true),
  DATABASE_URL(
      "database.url", "DATABASE_URL", "postgresql://…; empty starts an embedded PostgreSQL", true),
  DATABASE_POOL_SIZE("database.pool-size", "DATABASE_POOL_SIZE", "connections per pool"),
  EMBEDDED_PG_PORT(
      "database.embedded-port",
      "SYNTHOS_EMBEDDED_PG_PORT",
      "embedded PostgreSQL port; 0 picks a free one"),
  REDIS_URL("redis.url", "REDIS_URL", "redis://…; empty starts an embedded Redis", true),
  EMBEDDED_REDIS_PORT(
      "redis.embedded-port",
      "SYNTHOS_EMBEDDED_REDIS_PORT",
      "embedded Redis port; 0 picks a free one"),
  JWT_SECRET(
      "jwt.secret",
      "JWT_SECRET",
      "HMAC key for access tokens, at least 32 characters; empty in development: one made in the"
          + " data dir",
      true),
  JWT_PRIVATE_KEY_FILE(
      "jwt.private-key-file",
      "JWT_PRIVATE_KEY_FILE",
      "PEM EC P-256 private key: sign with ES256 instead of HS256"),
  JWT_PUBLIC_KEY_FILE(
      "jwt.public-key-file", "JWT_PUBLIC_KEY_FILE", "PEM EC P-256 public key that goes with it"),
  JWT_ISSUER("jwt.issuer", "JWT_ISSUER", "iss of the tokens Synthos issues and accepts"),
  JWT_AUDIENCE("jwt.audience", "JWT_AUDIENCE", "aud of the tokens Synthos issues and accepts"),
  ACCESS_TOKEN_TTL(
      "jwt.access-ttl-seconds", "ACCESS_TOKEN_TTL_SECONDS", "lifetime of an access token"),
  REFRESH_TOKEN_TTL(
      "jwt.refresh-ttl-days", "REFRESH_TOKEN_TTL_DAYS", "lifetime of a refresh token"),
  RATE_LIMIT_LOGIN_PER_IP(
      "rate-limits.login-per-ip-per-minute",
      "RATE_LIMIT_LOGIN_PER_IP",
      "login attempts per client IP per minute"),
  RATE_LIMIT_REGISTER_PER_IP(
      "rate-limits.register-per-ip-per-hour",
      "RATE_LIMIT_REGISTER_PER_IP",
      "registrations per client IP per hour"),
  RATE_LIMIT_PER_USER(
      "rate-limits.per-user-per-minute",
      "RATE_LIMIT_PER_USER",
      "authenticated requests per user per minute"),
  RATE_LIMIT_PUBLIC_PER_IP(
      "rate-limits.public-per-ip-per-minute",
      "RATE_LIMIT_PUBLIC_PER_IP",
      "anonymous calls per client IP per minute to public operations (warranty verification)"),
  RATE_LIMIT_FAIL_OPEN(
      "rate-limits.fail-open",
      "RATE_LIMIT_FAIL_OPEN",
      "serve without limits while Redis is down (false refuses with 429)"),
  GRPC_PORT("grpc.port", "GRPC_PORT", "orchestrator gRPC port"),
  GRPC_DEADLINE_MS(
      "grpc.deadline-ms", "GRPC_DEADLINE_MS", "deadline of every call to an ML service"),
  GRPC_WORK_DEADLINE_MS(
      "grpc.work-deadline-ms",
      "GRPC_WORK_DEADLINE_MS",
      "deadline of an ML computation: ingest, validate, analyse"),
  JOB_LEASE_SECONDS(
      "scheduler.lease-seconds",
      "JOB_LEASE_SECONDS",
      "how long a claimed job is held without renewal; a dead node's jobs re-run after it"),
  DATA_SERVICE_ADDR("services.data", "DATA_SERVICE_ADDR", "data service host:port"),
  VALIDATION_SERVICE_ADDR(
      "services.validation", "VALIDATION_SERVICE_ADDR", "validation service host:port"),
  COLLAPSE_SERVICE_ADDR("services.collapse", "COLLAPSE_SERVICE_ADDR", "collapse service host:port"),
  SERVICE_SECRET(
      "services.secret",
      "SYNTHOS_SERVICE_SECRET",
      "credential every call to an ML service carries, at least 32 characters; empty in"
          + " development: one made in the data dir",
      true),
  MAX_UPLOAD_MB(
      "datasets.max-upload-mb",
      "SYNTHOS_MAX_UPLOAD_MB",
      "largest dataset upload, in MiB (413 above)"),
  MAX_COLUMNS(
      "datasets.max-columns", "SYNTHOS_MAX_COLUMNS", "columns a dataset may have (more fail it)"),
  MAX_LINE_CHARS(
      "datasets.max-line-chars",
      "SYNTHOS_MAX_LINE_CHARS",
      "characters one line of a dataset may hold (more fail it)"),
  UPLOAD_URL_TTL(
      "datasets.upload-url-ttl-seconds",
      "SYNTHOS_UPLOAD_URL_TTL_SECONDS",
      "lifetime of an upload URL; an upload unfinished by then is dropped"),
  WARRANTY_KEY_FILE(
      "warranties.key-file",
      "SYNTHOS_WARRANTY_KEY_FILE",
      "PEM EC P-256 private key that signs warranties; empty keeps keys in the data dir"),
  WARRANTY_TIERS(
      "warranties.tiers",
      "SYNTHOS_WARRANTY_TIERS",
      "JSON overrides of the warranty tiers' thresholds, e.g. {\"standard\": {\"min_score\": 78}}"),
  WARRANTY_ISSUER(
      "warranties.issuer", "SYNTHOS_WARRANTY_ISSUER", "who signs, as every warranty names it"),
  ML_WORKER_THREADS(
      "services.worker-threads", "ML_WORKER_THREADS", "worker threads of each ML service"),
  POOL_DATA_CAPACITY(
      "pools.data",
      "POOL_DATA_CAPACITY",
      "data pool capacity cpu_millis:memory_mib:gpus; empty asks the service"),
  POOL_VALIDATION_CAPACITY(
      "pools.validation",
      "POOL_VALIDATION_CAPACITY",
      "validation pool capacity; empty asks the service"),
  POOL_COLLAPSE_CAPACITY(
      "pools.collapse", "POOL_COLLAPSE_CAPACITY", "collapse pool capacity; empty asks the service"),
  ENABLE_METRICS("metrics.enabled", "ENABLE_METRICS", "serve Prometheus metrics"),
  ENABLE_TRACING("tracing.enabled", "ENABLE_TRACING", "export OpenTelemetry traces"),
  OTLP_ENDPOINT(
      "tracing.otlp-endpoint",
      "OTEL_EXPORTER_OTLP_ENDPOINT",
      "OTLP collector URL; empty uses JAEGER_ENDPOINT, else http://localhost:4317"),
  OTLP_PROTOCOL("tracing.otlp-protocol", "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc or http/protobuf"),
  JAEGER_ENDPOINT(
      "tracing.jaeger-endpoint",
      "JAEGER_ENDPOINT",
      "the seed's Jaeger URL; its host receives OTLP on 4317 (grpc) or 4318 (http/protobuf)"),
  OTEL_SERVICE_NAME("tracing.service-name", "OTEL_SERVICE_NAME", "service.name of every span"),
  OTEL_RESOURCE_ATTRIBUTES(
      "tracing.resource-attributes",
      "OTEL_RESOURCE_ATTRIBUTES",
      "extra resource attributes, key=value,key=value"),
  OTEL_TRACES_SAMPLER(
      "tracing.sampler",
      "OTEL_TRACES_SAMPLER",
      "always_on, always_off, traceidratio or their parentbased_ forms"),
  OTEL_TRACES_SAMPLER_ARG(
      "tracing.sampler-arg", "OTEL_TRACES_SAMPLER_ARG", "ratio of the traceidratio samplers, 0-1"),
  LOG_LEVELS(
      "log-levels",
      "LOG_LEVELS",
      "log level per logger, e.g. io.synthos.orchestrator=debug,io.vertx=warn"),
  CLUSTER("cluster.enabled", "SYNTHOS_CLUSTER", "join a Hazelcast cluster (also --cluster)"),
  CLUSTER_MEMBERS(
      "cluster.members",
      "SYNTHOS_CLUSTER_MEMBERS",
      "comma-separated host or host:port of members to join over TCP/IP (no multicast)"),
  CLUSTER_HOST(
      "cluster.host",
      "SYNTHOS_CLUSTER_HOST",
      "interface the cluster and event bus bind to; empty: the bind host when it is one IPv4"
          + " address, else Hazelcast picks one"),
  CLUSTER_PORT("cluster.port", "SYNTHOS_CLUSTER_PORT", "Hazelcast member port"),
  CLUSTER_BUS_PORT(
      "cluster.bus-port", "SYNTHOS_CLUSTER_BUS_PORT", "event-bus port; 0 picks a free one"),
  INSTANCES(
      "instances",
      "SYNTHOS_INSTANCES",
      "verticle instances per role, e.g. api=4,orchestrator=2 (also --instances)"),
  TLS_CERT_FILE(
      "tls.cert-file",
      "TLS_CERT_FILE",
      "PEM certificate chain: HTTPS on the REST and dashboard ports, TLS on every gRPC link"),
  TLS_KEY_FILE("tls.key-file", "TLS_KEY_FILE", "PEM private key of that certificate"),
  TLS_TRUST_FILE(
      "tls.trust-file",
      "TLS_TRUST_FILE",
      "PEM CA certificates gRPC clients trust; empty trusts the certificate itself");

  private final String key;
  private final String env;
  private final String description;
  private final boolean secret;

  Setting(String key, String env, String description) {
    this(key, env, description, false);
  }

  Setting(String key, String env, String description, boolean secret) {
    this.key = key;
    this.env = env;
    this.description = description;
    this.secret = secret;
  }

  /** The dotted key in the YAML files under {@code conf/}. */
  public String key() {
    return key;
  }

  /** The environment variable that overrides the key. */
  public String env() {
    return env;
  }

  public String description() {
    return description;
  }

  /** Secrets may also be read from a file named by {@code <env>_FILE} and are never printed. */
  public boolean secret() {
    return secret;
  }
}
