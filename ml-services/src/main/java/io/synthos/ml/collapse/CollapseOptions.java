package io.synthos.ml.collapse;

import io.synthos.ml.stats.collapse.CollapseRisk;
import io.synthos.proto.v1.CollapseRequest;
import io.synthos.proto.v1.DatasetRef;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What an Analyse call asks for: the reference, the generations in order, k, the bound, the seed.
 */
record CollapseOptions(
    String reference,
    List<String> generations,
    int k,
    int knnMaxRows,
    long seed,
    CollapseRisk.Thresholds thresholds) {

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
        seed,
        thresholds(options.getValue("thresholds")));
  }

  /**
   * {@code {high: {coverage, variance_ratio, tail_ratio, category_coverage}, medium: {…},
   * trend_generations, trend_drop}}, every part optional.
   */
  static CollapseRisk.Thresholds thresholds(Object given) {
    CollapseRisk.Thresholds d = CollapseRisk.Thresholds.DEFAULTS;
    if (given == null) {
      return d;
    }
    if (!(given instanceof JsonObject json)) {
      throw new IllegalArgumentException("thresholds must be a JSON object");
    }
    try {
      JsonObject high = json.getJsonObject("high", new JsonObject());
      JsonObject medium = json.getJsonObject("medium", new JsonObject());
      return new CollapseRisk.Thresholds(
          high.getDouble("coverage", d.highCoverage()),
          high.getDouble("variance_ratio", d.highVarianceRatio()),
          high.getDouble("tail_ratio", d.highTailRatio()),
          high.getDouble("category_coverage", d.highCategoryCoverage()),
          medium.getDouble("coverage", d.mediumCoverage()),
          medium.getDouble("variance_ratio", d.mediumVarianceRatio()),
          medium.getDouble("tail_ratio", d.mediumTailRatio()),
          medium.getDouble("category_coverage", d.mediumCategoryCoverage()),
          json.getInteger("trend_generations", d.trendGenerations()),
          json.getDouble("trend_drop", d.trendDrop()));
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("every threshold must be a number");
    }
  }
}
