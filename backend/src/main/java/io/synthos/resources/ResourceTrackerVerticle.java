package io.synthos.resources;

import io.synthos.platform.config.HostPort;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.grpc.GrpcClients;
import io.synthos.platform.grpc.ServiceClient;
import io.synthos.platform.metrics.Metrics;
import io.synthos.proto.v1.CollapseGrpcClient;
import io.synthos.proto.v1.DataGrpcClient;
import io.synthos.proto.v1.DescribeRequest;
import io.synthos.proto.v1.ServiceInfo;
import io.synthos.proto.v1.ValidationGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource tracker: owns the capacity of the ML pools (configured, or reported by each service
 * over gRPC) in {@code ml_pools}, where the schedulers' claim transactions read it to admit jobs
 * with 20% headroom, and publishes a snapshot of every pool each second.
 */
public final class ResourceTrackerVerticle extends VerticleBase {

  /** Published every second: the snapshot of every ML pool. */
  public static final String SNAPSHOT_ADDRESS = "resources.snapshot";

  /** Request–reply: the latest snapshot, {@code {"pools": [...], "updated_at": ...}}. */
  public static final String STATUS_ADDRESS = "resources.status";

  private static final Logger log = LoggerFactory.getLogger(ResourceTrackerVerticle.class);
  private static final Duration DESCRIBE_DEADLINE = Duration.ofSeconds(2);
  private static final String UPSERT =
      "INSERT INTO ml_pools (name, cpu_millis, memory_mib, gpus, source, updated_at) VALUES ($1, $2, $3, $4, $5, $6)"
          + " ON CONFLICT (name) DO UPDATE SET cpu_millis = $2, memory_mib = $3, gpus = $4, source = $5, updated_at = $6";
  private static final String SNAPSHOT =
      "SELECT p.name, p.cpu_millis, p.memory_mib, p.gpus, p.source,"
          + " coalesce(sum(j.cpu_millis), 0)::int AS used_cpu, coalesce(sum(j.memory_mib), 0)::int AS used_memory,"
          + " coalesce(sum(j.gpus), 0)::int AS used_gpus, count(j.id)::int AS running"
          + " FROM ml_pools p LEFT JOIN jobs j ON j.pool = p.name AND j.state = 'running'"
          + " GROUP BY p.name ORDER BY p.name";

  private final SynthosConfig config;
  private final Map<String, PoolCapacity> known = new LinkedHashMap<>();
  private Pool pool;
  private GrpcClients grpc;
  private ServiceClient data;
  private ServiceClient validation;
  private ServiceClient collapse;
  private JsonObject latest =
      new JsonObject().put("pools", new JsonArray()).put("updated_at", null);
  private long timer;
  private PoolGauges gauges;

  public ResourceTrackerVerticle(SynthosConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    gauges = new PoolGauges(Metrics.of(vertx));
    pool = PgSettings.fromUrl(config.database().url()).pool(vertx, "synthos-resources", 2);
    grpc = GrpcClients.create(vertx, config);
    data = service("data", config.services().data());
    validation = service("validation", config.services().validation());
    collapse = service("collapse", config.services().collapse());
    MessageConsumer<JsonObject> status =
        vertx
            .eventBus()
            .consumer(
                STATUS_ADDRESS, message -> refresh().onComplete(done -> message.reply(latest)));
    timer = vertx.setPeriodic(0, 1_000, id -> tick());
    return status.completion();
  }

  /** Learns any capacity still unknown, saves it, then publishes the snapshot. */
  private void tick() {
    learn(data, config.pools().data(), DataGrpcClient.Describe);
    learn(validation, config.pools().validation(), ValidationGrpcClient.Describe);
    learn(collapse, config.pools().collapse(), CollapseGrpcClient.Describe);
    refresh().onSuccess(snapshot -> vertx.eventBus().publish(SNAPSHOT_ADDRESS, snapshot));
  }

  /** A service asked for its capacity: it answers fast, or is not up yet and is asked again. */
  private ServiceClient service(String name, HostPort address) {
    return grpc.service(name, address, DESCRIBE_DEADLINE);
  }

  private void learn(
      ServiceClient service,
      String configured,
      ServiceMethod<ServiceInfo, DescribeRequest> describe) {
    String name = service.name();
    if (known.containsKey(name)) {
      return;
    }
    Future<PoolCapacity> capacity =
        configured.isEmpty()
            ? service
                .unary(describe, DescribeRequest.getDefaultInstance())
                .map(info -> PoolCapacity.reported(name, info, service.address().toString()))
            : Future.succeededFuture(PoolCapacity.configured(name, configured));
    capacity
        .compose(
            found ->
                pool.preparedQuery(UPSERT)
                    .execute(
                        Tuple.of(
                            name,
                            found.cpuMillis(),
                            found.memoryMib(),
                            found.gpus(),
                            found.source(),
                            OffsetDateTime.now(ZoneOffset.UTC)))
                    .map(found))
        .onSuccess(
            found -> {
              known.put(name, found);
              log.info("{} pool capacity {} ({})", name, found.toJson().encode(), found.source());
            })
        .onFailure(
            failure -> log.debug("{} pool capacity not known yet: {}", name, failure.getMessage()));
  }

  private Future<JsonObject> refresh() {
    return pool.query(SNAPSHOT)
        .execute()
        .map(
            rows -> {
              JsonArray pools = new JsonArray();
              for (Row row : rows) {
                pools.add(poolView(row));
              }
              gauges.update(pools);
              latest =
                  new JsonObject().put("pools", pools).put("updated_at", Instant.now().toString());
              return latest;
            });
  }

  private static JsonObject poolView(Row row) {
    int cpu = row.getInteger("cpu_millis");
    int memory = row.getInteger("memory_mib");
    int gpus = row.getInteger("gpus");
    JsonObject limit = resources(cpu * 4 / 5, memory * 4 / 5, gpus * 4 / 5);
    JsonObject used =
        resources(
            row.getInteger("used_cpu"), row.getInteger("used_memory"), row.getInteger("used_gpus"));
    return new JsonObject()
        .put("name", row.getString("name"))
        .put("capacity", resources(cpu, memory, gpus))
        .put("admission_limit", limit)
        .put("allocated", used)
        .put(
            "available",
            resources(
                Math.max(0, limit.getInteger("cpu_millis") - used.getInteger("cpu_millis")),
                Math.max(0, limit.getInteger("memory_mib") - used.getInteger("memory_mib")),
                Math.max(0, limit.getInteger("gpus") - used.getInteger("gpus"))))
        .put("running_jobs", row.getInteger("running"))
        .put("source", row.getString("source"));
  }

  private static JsonObject resources(int cpu, int memory, int gpus) {
    return new JsonObject().put("cpu_millis", cpu).put("memory_mib", memory).put("gpus", gpus);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.join(grpc.close(), pool.close());
  }
}
