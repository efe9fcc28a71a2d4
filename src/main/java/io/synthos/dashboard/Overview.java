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
 * Asks the resource tracker and the orchestrator for what the first paint shows. A part whose owner
 * does not answer is shown as unavailable; the rest of the page still renders.
 */
final class Overview {

  static final int LATEST_JOBS = 25;
  static final int DEAD_JOBS = 20;
  static final int QUEUE_SAMPLE = 100;

  /** What the page shows; {@code problems} names each part that could not be read. */
  record Snapshot(
      List<PoolRow> pools,
      List<JobRow> latest,
      List<JobRow> dead,
      int queued,
      boolean queuedMore,
      int running,
      List<String> problems) {}

  private final ResourcesClient resources;
  private final OrchestratorClient orchestrator;

  Overview(ResourcesClient resources, OrchestratorClient orchestrator) {
    this.resources = resources;
    this.orchestrator = orchestrator;
  }

  Future<Snapshot> load(Principal admin, String apiBase) {
    List<String> problems = new ArrayList<>();
    Future<JsonArray> pools =
        resources
            .status()
            .map(status -> status.getJsonArray("pools", new JsonArray()))
            .recover(failure -> unavailable(problems, "resources", failure));
    Future<JsonArray> latest = jobs(admin, new JsonObject(), LATEST_JOBS, problems);
    Future<JsonArray> dead = jobs(admin, state("dead"), DEAD_JOBS, problems);
    Future<JsonArray> queued = jobs(admin, state("queued"), QUEUE_SAMPLE, problems);
    Future<JsonArray> running = jobs(admin, state("running"), QUEUE_SAMPLE, problems);
    return Future.all(pools, latest, dead, queued, running)
        .map(
            all ->
                new Snapshot(
                    pools.result().stream().map(p -> PoolRow.of((JsonObject) p)).toList(),
                    rows(latest.result(), apiBase),
                    rows(dead.result(), apiBase),
                    queued.result().size(),
                    queued.result().size() >= QUEUE_SAMPLE,
                    running.result().size(),
                    List.copyOf(problems)));
  }

  private Future<JsonArray> jobs(
      Principal admin, JsonObject filters, int limit, List<String> problems) {
    return orchestrator
        .jobs(admin, filters, PageRequest.of(limit, null))
        .map(page -> page.getJsonArray("items", new JsonArray()))
        .recover(failure -> unavailable(problems, "jobs", failure));
  }

  private static Future<JsonArray> unavailable(
      List<String> problems, String part, Throwable failure) {
    String line = part + ": " + failure.getMessage();
    if (!problems.contains(line)) {
      problems.add(line);
    }
    return Future.succeededFuture(new JsonArray());
  }

  private static JsonObject state(String state) {
    return new JsonObject().put("state", state);
  }

  private static List<JobRow> rows(JsonArray jobs, String apiBase) {
    return jobs.stream().map(job -> JobRow.of((JsonObject) job, apiBase)).toList();
  }
}
