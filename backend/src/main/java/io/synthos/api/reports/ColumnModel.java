package io.synthos.api.reports;

import io.vertx.core.json.JsonObject;

/**
 * One column of the fidelity section: its shape score and figures, and the chart of its real and
 * synthetic distributions when it has one.
 *
 * @param chart null when the column has no distribution (no values on one side)
 * @param caption what the chart leaves out, or null without a chart
 */
record ColumnModel(
    String name,
    String type,
    String metric,
    String score,
    String missingReal,
    String missingSynthetic,
    String reason,
    Chart chart,
    String caption) {

  static ColumnModel of(JsonObject shape) {
    String name = String.valueOf(Json.string(shape, "column"));
    String type = Json.string(shape, "type");
    JsonObject distribution = Json.object(shape, "distribution");
    return new ColumnModel(
        name,
        type,
        Json.string(shape, "metric"),
        Formats.score(Json.number(shape, "score")),
        share(shape, "missing_real"),
        share(shape, "missing_synthetic"),
        Json.string(shape, "reason"),
        distribution == null ? null : DistributionChart.of(name, type, distribution),
        distribution == null ? null : DistributionChart.caption(distribution));
  }

  private static String share(JsonObject shape, String key) {
    Number share = Json.number(shape, key);
    return share == null ? Formats.NONE : Formats.percent(share.doubleValue());
  }
}
