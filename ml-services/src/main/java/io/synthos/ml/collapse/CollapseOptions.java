package io.synthos.ml.collapse;

import io.synthos.proto.v1.CollapseRequest;
import io.synthos.proto.v1.DatasetRef;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What an Analyse call asks for: the reference, the generations in order, k, the bound, the seed.
 */
record CollapseOptions(
    String reference, List<String> generations, int k, int knnMaxRows, long seed) {

  static final int DEFAULT_K = 5;
  static final int DEFAULT_KNN_MAX_ROWS = 50_000;

  /**
   * @throws IllegalArgumentException naming what is wrong
   */
  static CollapseOptions from(CollapseRequest request) {
    if (request.getReference().getDatasetId().isBlank()) {
      throw new IllegalArgumentException("a reference (real) dataset is required");
    }
    if (request.getGenerationsCount() == 0) {
      throw new IllegalArgumentException("at least one synthetic generation is required");
    }
    JsonObject options;
    try {
      options =
          request.getOptionsJson().isBlank()
              ? new JsonObject()
              : new JsonObject(request.getOptionsJson());
    } catch (DecodeException e) {
      throw new IllegalArgumentException("options_json is not a JSON object");
    }
    int k;
    int knnMaxRows;
    long seed;
    try {
      k = options.getInteger("k", DEFAULT_K);
      knnMaxRows = options.getInteger("knn_max_rows", DEFAULT_KNN_MAX_ROWS);
      seed = options.getLong("seed", 0L);
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("k, knn_max_rows and seed must be whole numbers");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1");
    }
    if (knnMaxRows <= k) {
      throw new IllegalArgumentException("knn_max_rows must be above k");
    }
    return new CollapseOptions(
        request.getReference().getDatasetId(),
        request.getGenerationsList().stream().map(DatasetRef::getDatasetId).toList(),
        k,
        knnMaxRows,
        seed);
  }
}
