package io.synthos.ml.collapse;

import io.synthos.ml.common.ColumnMatcher;
import io.synthos.ml.common.RawColumn;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.synthos.ml.stats.ProgressSteps;
import io.synthos.ml.stats.collapse.CollapseRisk;
import io.synthos.ml.stats.collapse.ColumnSignals;
import io.synthos.ml.stats.collapse.Prdc;
import io.synthos.ml.stats.collapse.Trends;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collapse report: per generation, PRDC against the reference (on at most {@code knn_max_rows}
 * rows a side) and the column signals; the trend of each signal across generations; and the risk of
 * the last generation. Blocking CPU work: runs on a worker thread.
 */
final class CollapseReportBuilder {

  /** The signals whose series and slopes the report gives, as a client would plot them. */
  private static final List<String> PRDC = List.of("precision", "recall", "density", "coverage");

  private static final List<String> MEDIANS =
      List.of(
          "variance_ratio",
          "iqr_ratio",
          "tail_ratio",
          "range_coverage",
          "category_coverage",
          "rare_category_coverage",
          "entropy_ratio");

  private CollapseReportBuilder() {}

  /**
   * @throws IllegalArgumentException when a generation shares no column with the reference
   */
  static JsonObject build(
      List<RawColumn> reference,
      List<List<RawColumn>> generations,
      CollapseOptions options,
      int threads,
      Progress progress) {
    List<JsonObject> analysed = new ArrayList<>();
    boolean sampled = false;
    JsonArray skipped = new JsonArray();
    double[] equal = new double[generations.size()];
    Arrays.fill(equal, 1);
    ProgressSteps steps = new ProgressSteps(progress, equal);
    for (int g = 0; g < generations.size(); g++) {
      ColumnMatcher.Matching matching = ColumnMatcher.match(reference, generations.get(g), null);
      int index = g + 1;
      if (matching.columns().isEmpty()) {
        throw new IllegalArgumentException(
            "generation " + index + " shares no column with the reference by name and type");
      }
      matching.skipped().forEach(skip -> skipped.add(skip.copy().put("generation", index)));
      List<MatchedColumn> columns = matching.columns();
      sampled |= RowSample.sampled(columns, options.knnMaxRows());
      Progress step = steps.step(g, "generation " + index + " of " + generations.size());
      JsonObject prdc =
          Prdc.compute(
              RowSample.of(columns, options.knnMaxRows(), options.seed()),
              options.k(),
              threads,
              step);
      JsonObject signals = ColumnSignals.compute(columns);
      step.report("", 1);
      JsonObject generation =
          new JsonObject()
              .put("index", index)
              .put("dataset_id", options.generations().get(g))
              .put("duplicate_rate", signals.getValue("duplicate_rate"))
              .put("columns", signals.getJsonArray("columns"))
              .put("medians", signals.getJsonObject("medians"));
      PRDC.forEach(signal -> generation.put(signal, prdc.getValue(signal)));
      analysed.add(generation);
    }
    JsonObject risk = CollapseRisk.assess(analysed, options.thresholds());
    return new JsonObject()
        .put("risk", risk.getValue("risk"))
        .put("reasons", risk.getValue("reasons"))
        .put("first_collapsed_generation", risk.getValue("first_collapsed_generation"))
        .put("k", options.k())
        .put("sampled", sampled)
        .put("generations", new JsonArray(new ArrayList<>(analysed)))
        .put("trends", Trends.of(series(analysed)))
        .put("skipped", skipped);
  }

  private static Map<String, double[]> series(List<JsonObject> generations) {
    Map<String, double[]> series = new LinkedHashMap<>();
    for (String signal : PRDC) {
      series.put(signal, values(generations, g -> g.getValue(signal)));
    }
    series.put("duplicate_rate", values(generations, g -> g.getValue("duplicate_rate")));
    for (String signal : MEDIANS) {
      series.put(
          "median_" + signal,
          values(generations, g -> g.getJsonObject("medians", new JsonObject()).getValue(signal)));
    }
    return series;
  }

  private static double[] values(
      List<JsonObject> generations, java.util.function.Function<JsonObject, Object> signal) {
    double[] values = new double[generations.size()];
    for (int i = 0; i < values.length; i++) {
      Object value = signal.apply(generations.get(i));
      values[i] = value instanceof Number number ? number.doubleValue() : Double.NaN;
    }
    return values;
  }
}
