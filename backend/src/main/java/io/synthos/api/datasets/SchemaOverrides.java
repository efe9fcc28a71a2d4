package io.synthos.api.datasets;

import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Column types the user forces, as SDMetrics users declare metadata: changing them re-ingests the
 * dataset, so the profile and every later metric use the new types.
 */
final class SchemaOverrides {

  private static final List<String> FROM = List.of("ready", "failed");

  private final DatasetStore store;
  private final DataServiceClient data;
  private final DatasetIngests ingests;

  SchemaOverrides(DatasetStore store, DataServiceClient data, DatasetIngests ingests) {
    this.store = store;
    this.data = data;
    this.ingests = ingests;
  }

  /**
   * Merges {@code changes} (name to type, or null to drop an override) into the dataset's column
   * types and re-ingests it. Every name must be one of its columns, when its columns are known.
   */
  Future<JsonObject> update(UUID id, UUID scope, JsonObject changes) {
    return store
        .find(id, scope)
        .compose(found -> found.map(Future::succeededFuture).orElseGet(DatasetRoutes::notFound))
        .compose(dataset -> reingestable(dataset).map(dataset))
        .compose(
            dataset -> {
              Set<String> unknown = unknownColumns(dataset.getJsonArray("schema"), changes);
              if (!unknown.isEmpty()) {
                return Future.failedFuture(
                    ProblemType.UNKNOWN_COLUMN.exception(
                        "The dataset has no column named " + unknown + "."));
              }
              for (String name : changes.fieldNames()) {
                Object type = changes.getValue(name);
                if (type != null && !UploadParameters.TYPES.contains(String.valueOf(type))) {
                  return Future.failedFuture(
                      DatasetRoutes.badRequest(
                          "column_types[\""
                              + name
                              + "\"] must be one of "
                              + UploadParameters.TYPES));
                }
              }
              JsonObject merged = dataset.getJsonObject("column_types").copy();
              for (String name : new ArrayList<>(changes.fieldNames())) {
                if (changes.getValue(name) == null) {
                  merged.remove(name);
                } else {
                  merged.put(name, changes.getString(name));
                }
              }
              return ingests.start(
                  id,
                  scope,
                  merged,
                  null,
                  FROM,
                  () ->
                      ProblemType.NOT_READY.exception(
                          "The dataset changed meanwhile; read it and retry."));
            });
  }

  /**
   * A ready dataset, or a failed one whose bytes are stored (a forced type may be what failed it);
   * anything else is a 409.
   */
  private Future<Void> reingestable(JsonObject dataset) {
    String status = dataset.getString("status");
    if ("ready".equals(status)) {
      return Future.succeededFuture();
    }
    Future<Boolean> stored =
        "failed".equals(status)
            ? data.info(UUID.fromString(dataset.getString("id"))).map(info -> info.getStored())
            : Future.succeededFuture(false);
    return stored.compose(
        yes ->
            yes
                ? Future.succeededFuture()
                : Future.failedFuture(
                    ProblemType.NOT_READY.exception(
                        "The dataset is "
                            + status
                            + "; its column types can change once it is ready (or failed after"
                            + " its upload completed).")));
  }

  /** Names that are not columns of the dataset; none when its columns are unknown (failed). */
  private static Set<String> unknownColumns(JsonArray schema, JsonObject changes) {
    if (schema == null) {
      return Set.of();
    }
    Set<String> names = new TreeSet<>();
    schema.forEach(column -> names.add(((JsonObject) column).getString("name")));
    Set<String> unknown = new TreeSet<>(changes.fieldNames());
    unknown.removeAll(names);
    return unknown;
  }
}
