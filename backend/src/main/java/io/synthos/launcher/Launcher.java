package io.synthos.launcher;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.synthos.platform.NodeHeartbeat;
import io.synthos.platform.NodeInfo;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.db.SchemaMigrationVerticle;
import io.synthos.platform.metrics.MetricsServerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one Synthos process: the embedded servers it needs, one Vert.x instance, the schema
 * migrations, then each role in turn. Returns only when every server listens.
 */
public final class Launcher {

  private static final Logger log = LoggerFactory.getLogger(Launcher.class);
  private static final long START_TIMEOUT_SECONDS = 120;

  private Launcher() {}

  /** Starts the roles; blocks the calling thread (never an event loop) until they all run. */
  public static RunningNode start(SynthosConfig config, Set<Role> roles) throws StartupException {
    return start(config, roles, null);
  }

  /**
   * Starts the roles; when tracing is enabled, {@code spanExporter} (if not null) receives every
   * span instead of the configured OTLP endpoint.
   *
   * @throws io.synthos.platform.config.ConfigException before anything starts, when the roles need
   *     a setting the configuration lacks (the ML services' secret in production or a cluster)
   */
  public static RunningNode start(SynthosConfig config, Set<Role> roles, SpanExporter spanExporter)
      throws StartupException {
    long begin = System.nanoTime();
    checkInstances(config);
    SynthosConfig keyed = DevelopmentSecret.fillIn(config, roles);
    NodeInfo node = NodeInfo.create(roles.stream().map(Role::id).toList());
    EmbeddedServers embedded = new EmbeddedServers();
    SynthosConfig resolved;
    try {
      resolved = embedded.startFor(keyed, roles);
    } catch (Exception e) {
      embedded.close();
      throw new StartupException("cannot start the embedded servers: " + e.getMessage(), e);
    }
    NodeTracing tracing = NodeTracing.of(resolved, node, spanExporter);
    Vertx vertx;
    try {
      vertx = NodeVertx.create(resolved, node, tracing);
    } catch (StartupException e) {
      tracing.close();
      embedded.close();
      throw e;
    }
    RunningNode running = new RunningNode(vertx, embedded, resolved, node, tracing);
    try {
      deployAll(vertx, resolved, node, List.copyOf(roles), running)
          .toCompletionStage()
          .toCompletableFuture()
          .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      running.close();
      throw new StartupException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException | InterruptedException e) {
      running.close();
      throw new StartupException(
          "start-up did not finish within " + START_TIMEOUT_SECONDS + " s", e);
    }
    log.info(
        "Synthos {} started in {} ms (node {}); readiness: http://{}:{}/health/ready",
        node.version(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin),
        node.id(),
        reachable(resolved.bindHost()),
        resolved.http().port());
    return running;
  }

  /** Where a local client reaches a server bound to {@code host}, for the start-up line. */
  private static String reachable(String host) {
    if (host.equals("0.0.0.0") || host.equals("::")) {
      return "localhost";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** SYNTHOS_INSTANCES (or --instances) may only name roles. */
  private static void checkInstances(SynthosConfig config) throws StartupException {
    for (String name : config.instances().keySet()) {
      if (Arrays.stream(Role.values()).noneMatch(role -> role.id().equals(name))) {
        throw new StartupException(
            "--instances: unknown role '" + name + "' (known roles: " + Role.allIds() + ")", null);
      }
    }
  }

  private static Future<Void> deployAll(
      Vertx vertx, SynthosConfig config, NodeInfo node, List<Role> roles, RunningNode running) {
    Future<?> chain = Future.succeededFuture();
    if (roles.stream().anyMatch(Role::usesPostgres)) {
      PgSettings database = PgSettings.fromUrl(config.database().url());
      chain = vertx.deployVerticle(new SchemaMigrationVerticle(database, node));
    }
    RoleDeployer deployer = new RoleDeployer(vertx, config, node);
    // Roles start one after the other, in declaration order, so the lines read the same every time.
    for (Role role : roles) {
      chain =
          chain
              .compose(previous -> deployer.deploy(role))
              .onSuccess(
                  id -> {
                    if (role == Role.API) {
                      running.stopFirst(id);
                    }
                    log.info("{} {}", String.format("%-13s", role.id()), deployer.describe(role));
                  });
    }
    // A node without an HTTP role still exposes its metrics, on PORT.
    if (config.metricsEnabled() && !roles.contains(Role.API) && !roles.contains(Role.DASHBOARD)) {
      chain =
          chain
              .compose(
                  previous ->
                      vertx.deployVerticle(
                          new MetricsServerVerticle(config.bindHost(), config.http().port())))
              .onSuccess(
                  id ->
                      log.info(
                          "{} http://{}:{}/metrics",
                          String.format("%-13s", "metrics"),
                          config.bindHost(),
                          config.http().port()));
    }
    return chain
        .compose(
            started ->
                vertx.deployVerticle(
                    new NodeHeartbeat(node, deployer.instances(roles), Instant.now())))
        .mapEmpty();
  }
}
