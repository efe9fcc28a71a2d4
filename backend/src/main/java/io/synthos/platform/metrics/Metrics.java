package io.synthos.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * What Synthos measures, by name: one facade over the process's one registry, shared by every
 * verticle of a Vert.x instance. With metrics off it records into a registry that keeps nothing.
 */
public final class Metrics {

  public static final String HTTP_REQUESTS = "http_requests_total";
  public static final String HTTP_DURATION = "http_request_duration_seconds";
  public static final String HTTP_IN_FLIGHT = "http_requests_in_flight";
  public static final String VALIDATIONS = "validations_total";
  public static final String VALIDATION_DURATION = "validation_duration_seconds";
  public static final String VALIDATION_REPORT_FETCHES = "validation_report_fetches_total";
  public static final String DATASETS = "datasets_total";
  public static final String ORCHESTRATOR_REQUESTS = "orchestrator_requests_total";
  public static final String ORCHESTRATOR_DURATION = "orchestrator_request_duration_seconds";
  public static final String DB_QUERIES = "db_queries_total";
  public static final String DB_DURATION = "db_query_duration_seconds";
  public static final String ERRORS = "errors_total";

  public static final String JOBS = "jobs";
  public static final String JOB_QUEUE_DEPTH = "job_queue_depth";
  public static final String JOB_QUEUE_OLDEST_AGE = "job_queue_oldest_age_seconds";
  public static final String JOBS_CLAIMED = "jobs_claimed_total";
  public static final String JOBS_COMPLETED = "jobs_completed_total";
  public static final String JOBS_RETRIED = "jobs_retried_total";
  public static final String JOBS_LEASE_EXPIRED = "jobs_lease_expired_total";
  public static final String JOBS_DEAD = "jobs_dead_total";
  public static final String RESOURCE_CAPACITY = "resource_capacity";
  public static final String RESOURCE_ALLOCATED = "resource_allocated";
  public static final String GRPC_CLIENT_REQUESTS = "grpc_client_requests_total";
  public static final String GRPC_CLIENT_DURATION = "grpc_client_request_duration_seconds";
  public static final String CIRCUIT_BREAKER_STATE = "circuit_breaker_state";
  public static final String SSE_CLIENTS = "sse_clients";
  public static final String AUTH_TOKEN_CHECKS = "auth_token_checks_total";

  /**
   * Histogram buckets shared by every duration, from a fast query to a long computation. Explicit
   * buckets keep each series to a dozen lines instead of a percentile histogram's seventy.
   */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60),
    Duration.ofSeconds(300),
  };

  private static final Metrics DISABLED = new Metrics(new CompositeMeterRegistry(), false);

  private final MeterRegistry registry;
  private final boolean enabled;
  private final Map<String, Level> levels = new ConcurrentHashMap<>();
  // Registering looks a meter up by an id built, sorted and filtered anew on every call: a few
  // microseconds per request. These keep what was registered, by name and tags as given.
  private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();
  private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();

  Metrics(MeterRegistry registry, boolean enabled) {
    this.registry = registry;
    this.enabled = enabled;
  }

  /** The metrics of the process that {@code vertx} belongs to (a no-op when metrics are off). */
  public static Metrics of(Vertx vertx) {
    return vertx instanceof VertxInternal internal && internal.metrics() instanceof NodeMetrics node
        ? node.facade()
        : DISABLED;
  }

  /** Metrics that keep nothing, for code run without a node (unit tests, tools). */
  public static Metrics disabled() {
    return DISABLED;
  }

  public boolean enabled() {
    return enabled;
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Adds one to the counter {@code name} with {@code tags} (name, value, name, value…). */
  public void count(String name, String... tags) {
    counter(name, tags).increment();
  }

  /** The counter {@code name} with {@code tags}, for a caller that counts often to keep. */
  public Counter counter(String name, String... tags) {
    return counters.computeIfAbsent(
        MeterKey.of(name, tags), key -> Counter.builder(name).tags(tags).register(registry));
  }

  /** Adds {@code amount} to the counter {@code name}, which has no labels (zero registers it). */
  public void count(String name, double amount) {
    Counter.builder(name).register(registry).increment(amount);
  }

  /** Records a duration in the histogram {@code name}. */
  public void time(String name, long nanos, String... tags) {
    timer(name, tags).record(nanos, TimeUnit.NANOSECONDS);
  }

  public Timer timer(String name, String... tags) {
    return timers.computeIfAbsent(
        MeterKey.of(name, tags),
        key -> Timer.builder(name).tags(tags).serviceLevelObjectives(BUCKETS).register(registry));
  }

  /** A value that goes up and down, set by its owner (a gauge). The same name and tags share it. */
  public Level level(String name, String... tags) {
    return levels.computeIfAbsent(
        name + Tags.of(tags),
        key -> {
          Level level = new Level();
          Gauge.builder(name, level, Level::get)
              .tags(tags)
              .strongReference(true)
              .register(registry);
          return level;
        });
  }

  /** A gauge read from {@code owner} at every scrape. */
  public <T> void gauge(String name, T owner, ToDoubleFunction<T> value, String... tags) {
    Gauge.builder(name, owner, value).tags(tags).strongReference(true).register(registry);
  }

  /** Counts a failure of {@code component} (api, orchestrator, db…) of kind {@code type}. */
  public void error(String type, String component) {
    count(ERRORS, "type", type, "component", component);
  }

  /** A meter's name and its tags in the order given. */
  private record MeterKey(String name, List<String> tags) {
    static MeterKey of(String name, String... tags) {
      return new MeterKey(name, Arrays.asList(tags));
    }
  }
}
