package io.synthos.launcher;

import io.synthos.api.BodyBudget;
import io.synthos.api.HttpApiVerticle;
import io.synthos.api.validations.ValidationRecords;
import io.synthos.api.validations.ValidationTrackingVerticle;
import io.synthos.auth.AuthVerticle;
import io.synthos.dashboard.DashboardVerticle;
import io.synthos.orchestrator.SchedulerVerticle;
import io.synthos.platform.NodeInfo;
import io.synthos.platform.config.HostPort;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.db.PgSettings;
import io.synthos.resources.ResourceTrackerVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Deploys the verticles of one role and says, in one line, what listens where. The ML services are
 * deployed by class name: the backend never imports ML code.
 */
final class RoleDeployer {

  private final Vertx vertx;
  private final SynthosConfig config;
  private final NodeInfo node;

  RoleDeployer(Vertx vertx, SynthosConfig config, NodeInfo node) {
    this.vertx = vertx;
    this.config = config;
    this.node = node;
  }

  /** Deploys the role; answers the deployment of its main verticle (the API's HTTP instances). */
  Future<String> deploy(Role role) {
    return switch (role) {
      case DATA ->
          deployMl(role, "io.synthos.ml.data.DataServiceVerticle", config.services().data());
      case VALIDATION ->
          deployMl(
              role,
              "io.synthos.ml.validation.ValidationServiceVerticle",
              config.services().validation());
      case COLLAPSE ->
          deployMl(
              role, "io.synthos.ml.collapse.CollapseServiceVerticle", config.services().collapse());
      case RESOURCES -> deploy(role, () -> new ResourceTrackerVerticle(config));
      case AUTH -> deploy(role, () -> new AuthVerticle(config));
      // Every instance leases jobs as this node, so a departed node's jobs are all found. A
      // validation's row is written with its pipeline, by the validations resource's code.
      case ORCHESTRATOR ->
          deploy(
              role,
              () ->
                  new SchedulerVerticle(
                      config, node.id(), Map.of(ValidationRecords.KIND, new ValidationRecords())));
      case API -> {
        BodyBudget bodies = new BodyBudget(config.http().bodyBudgetBytes());
        // The validations' pipelines are followed once per node, however many instances serve HTTP.
        yield vertx
            .deployVerticle(new ValidationTrackingVerticle(config))
            .compose(tracking -> deploy(role, () -> new HttpApiVerticle(config, node, bodies)));
      }
      case DASHBOARD -> deploy(role, () -> new DashboardVerticle(config, node));
    };
  }

  private Future<String> deploy(Role role, Supplier<Deployable> verticle) {
    return vertx.deployVerticle(verticle, new DeploymentOptions().setInstances(instances(role)));
  }

  private Future<String> deployMl(Role role, String verticleClass, HostPort address) {
    JsonObject ml =
        new JsonObject()
            .put("host", config.bindHost())
            .put("port", address.port())
            .put("dataDir", config.dataDir().toString())
            .put("workerThreads", config.services().workerThreads())
            // The validation and collapse services read columns from the data service.
            .put("dataService", config.services().data().toString())
            // A read of the columns is part of a computation: it gets the computation's deadline.
            .put("dataServiceDeadlineMs", config.grpc().workDeadline().toMillis())
            .put("maxUploadBytes", config.datasets().maxUploadBytes())
            .put("maxColumns", config.datasets().maxColumns())
            .put("maxLineChars", config.datasets().maxLineChars())
            .put("version", node.version())
            // What every call to an ML service carries, and what they all check.
            .put("serviceSecret", config.services().secret().value());
    // TLS on the ML servers and on their calls to the data service, from the same PEM files.
    config.tls().certFile().ifPresent(file -> ml.put("tlsCertFile", file.toString()));
    config.tls().keyFile().ifPresent(file -> ml.put("tlsKeyFile", file.toString()));
    if (config.tls().enabled()) {
      config.tls().trusted().ifPresent(file -> ml.put("tlsTrustFile", file.toString()));
    }
    return vertx.deployVerticle(
        verticleClass, new DeploymentOptions().setConfig(ml).setInstances(instances(role)));
  }

  /** How many verticle instances each role runs, as the node's heartbeat reports them. */
  Map<String, Integer> instances(List<Role> roles) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    roles.forEach(role -> counts.put(role.id(), instances(role)));
    return counts;
  }

  /** {@code --instances} first; else the API follows WORKERS (0: one per core), others run one. */
  int instances(Role role) {
    int fallback = 1;
    if (role == Role.API) {
      int workers = config.http().instances();
      fallback = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }
    return config.instancesOf(role.id(), fallback);
  }

  /** One line saying what the role serves, never a secret. */
  String describe(Role role) {
    String host = config.bindHost();
    return switch (role) {
      case DATA ->
          "gRPC on "
              + host
              + ":"
              + config.services().data().port()
              + ", datasets in "
              + config.datasetsDir();
      case VALIDATION -> "gRPC on " + host + ":" + config.services().validation().port();
      case COLLAPSE -> "gRPC on " + host + ":" + config.services().collapse().port();
      case RESOURCES -> "event bus " + ResourceTrackerVerticle.SNAPSHOT_ADDRESS;
      case AUTH -> "event bus auth.*, Redis at " + redisLocation();
      case ORCHESTRATOR ->
          "gRPC on "
              + host
              + ":"
              + config.grpc().port()
              + ", PostgreSQL at "
              + PgSettings.fromUrl(config.database().url()).describe();
      case API ->
          "http://" + host + ":" + config.http().port() + " (" + instances(role) + " instances)";
      case DASHBOARD -> "http://" + host + ":" + config.admin().port();
    };
  }

  private String redisLocation() {
    URI uri = URI.create(config.redis().url().value());
    return uri.getHost() + ":" + (uri.getPort() == -1 ? 6379 : uri.getPort());
  }
}
