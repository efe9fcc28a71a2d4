package io.synthos.api;

import io.synthos.auth.AuthAddresses;
import io.synthos.auth.AuthVerticle;
import io.synthos.orchestrator.OrchestratorAddresses;
import io.synthos.orchestrator.SchedulerVerticle;
import io.synthos.platform.ClusterView;
import io.synthos.platform.health.CheckReport;
import io.synthos.platform.health.HealthRequest;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

/**
 * The readiness checks. Each travels the real path: over the event bus to the verticle that owns
 * the dependency, which asks it directly (a query, a PING, a gRPC health call).
 */
final class Readiness {

  static final String CLUSTER_CHECK = "cluster";

  private static final long TIMEOUT_MS = 4_000;

  private Readiness() {}

  static HealthChecks checks(Vertx vertx) {
    HealthChecks checks = HealthChecks.create(vertx);
    ask(
        vertx,
        checks,
        SchedulerVerticle.POSTGRES_CHECK,
        OrchestratorAddresses.HEALTH,
        "orchestrator");
    ask(vertx, checks, AuthVerticle.REDIS_CHECK, AuthAddresses.HEALTH, "auth");
    for (String service : new String[] {"data", "validation", "collapse"}) {
      ask(vertx, checks, service, OrchestratorAddresses.HEALTH, "orchestrator");
    }
    // Answered here: how many members this node sees (1 when not clustered).
    checks.register(
        CLUSTER_CHECK,
        promise -> {
          JsonObject cluster = ClusterView.describe(vertx);
          promise.complete(cluster.getBoolean("active") ? Status.OK(cluster) : Status.KO(cluster));
        });
    return checks;
  }

  private static void ask(
      Vertx vertx, HealthChecks checks, String check, String address, String role) {
    DeliveryOptions delivery = new DeliveryOptions().setSendTimeout(TIMEOUT_MS - 500);
    checks.register(
        check,
        TIMEOUT_MS,
        promise ->
            vertx
                .eventBus()
                .<JsonObject>request(address, HealthRequest.of(check), delivery)
                .map(reply -> CheckReport.fromJson(reply.body()))
                .otherwise(
                    failure ->
                        CheckReport.down(
                            "the " + role + " role did not answer (" + failure.getMessage() + ")"))
                .onSuccess(
                    report ->
                        promise.complete(
                            report.up()
                                ? Status.OK(report.details())
                                : Status.KO(report.details()))));
  }
}
