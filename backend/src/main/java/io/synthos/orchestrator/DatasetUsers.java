package io.synthos.orchestrator;

import io.synthos.orchestrator.jobs.JobQueries;
import io.synthos.orchestrator.pipelines.PipelineStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * Who uses a dataset now, for the datasets resource that must not change or delete one in use: a
 * running pipeline whose input names it, or a queued or running stand-alone job whose payload does.
 */
final class DatasetUsers {

  /** How many users of each kind the answer names: enough to say why, not a listing. */
  private static final int NAMED = 5;

  private final PipelineStore pipelines;
  private final JobQueries jobs;

  DatasetUsers(PipelineStore pipelines, JobQueries jobs) {
    this.pipelines = pipelines;
    this.jobs = jobs;
  }

  /** {@code in_use}, and {@code by}: the pipelines and jobs, each {@code {kind, id}}. */
  Future<JsonObject> of(JsonObject body) {
    UUID datasetId = UUID.fromString(body.getString("dataset_id"));
    Future<List<UUID>> running = pipelines.runningNaming(datasetId, NAMED);
    Future<List<UUID>> active = jobs.activeNaming(datasetId, NAMED);
    return Future.all(running, active)
        .map(
            both -> {
              JsonArray by = new JsonArray();
              running.result().forEach(id -> by.add(user("pipeline", id)));
              active.result().forEach(id -> by.add(user("job", id)));
              return new JsonObject().put("in_use", !by.isEmpty()).put("by", by);
            });
  }

  private static JsonObject user(String kind, UUID id) {
    return new JsonObject().put("kind", kind).put("id", id.toString());
  }
}
