package io.synthos.dashboard;

import io.synthos.auth.Principal;
import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.platform.http.PageRequest;
import io.synthos.resources.ResourcesClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the resource tracker and the orchestrator for what the first paint shows, and reads the
 * cluster view this node keeps. A part whose owner does not answer is shown as unavailable; the
 * rest of the page still renders.
 */
final class Overview {

  static final int LATEST_JOBS = 25;
  static final int DEAD_JOBS = 20;

  /** What the page shows; {@code problems} names each part that could not be read. */
  record Snapshot(
      List<PoolRow> pools,
      List<JobRow> latest,
      List<JobRow> dead,
      QueueSummary queue,
      List<NodeRow> nodes,
      JobFilter filter,
      List<String> problems) {}

  private final ResourcesClient resources;
  private final OrchestratorClient orchestrator;
  private final ClusterView cluster;

  Overview(ResourcesClient resources, OrchestratorClient orchestrator, ClusterView cluster) {
    this.resources = resources;
    this.orchestrator = orchestrator;
    this.cluster = cluster;
  }

  Future<Snapshot> load(Principal admin, String apiBase, JobFilter filter) {
    List<String> problems = new ArrayList<>();
    Future<JsonArray> pools =
        resources
            .status()
            .map(status -> status.getJsonArray("pools", new JsonArray()))
            .recover(failure -> unavailable(problems, "resources", failure, new JsonArray()));
    Future<JsonArray> latest = jobs(admin, filter.toFilters(), LATEST_JOBS, problems);
    Future<JsonArray> dead =
        jobs(admin, new JsonObject().put("state", "dead"), DEAD_JOBS, problems);
    Future<JsonObject> queue =
        orchestrator
            .queueStats(admin)
            .recover(failure -> unavailable(problems, "queue", failure, null));
    return Future.all(pools, latest, dead, queue)
        .map(
            all ->
                new Snapshot(
                    pools.result().stream().map(p -> PoolRow.of((JsonObject) p)).toList(),
                    rows(latest.result(), apiBase),
                    rows(dead.result(), apiBase),
                    queue.result() == null ? null : QueueSummary.of(queue.result(), apiBase),
                    cluster.rows(),
                    filter,
                    List.copyOf(problems)));
  }

  private Future<JsonArray> jobs(
      Principal admin, JsonObject filters, int limit, List<String> problems) {
    return orchestrator
        .jobs(admin, filters, PageRequest.of(limit, null))
        .map(page -> page.getJsonArray("items", new JsonArray()))
        .recover(failure -> unavailable(problems, "jobs", failure, new JsonArray()));
  }

  private static <T> Future<T> unavailable(
      List<String> problems, String part, Throwable failure, T empty) {
    String line = part + ": " + failure.getMessage();
    if (!problems.contains(line)) {
      problems.add(line);
    }
    return Future.succeededFuture(empty);
  }

  private static List<JobRow> rows(JsonArray jobs, String apiBase) {
    return jobs.stream().map(job -> JobRow.of((JsonObject) job, apiBase)).toList();
  }
}
