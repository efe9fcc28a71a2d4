package io.synthos.api.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The collapse section: the risk and why, each generation's figures, and one trend chart per signal
 * across the generations.
 *
 * @param firstCollapsed the first generation at medium risk or worse, or null
 * @param generationsNote says the table was cut, or null
 */
record CollapseModel(
    String risk,
    List<String> reasons,
    String firstCollapsed,
    List<Generation> generations,
    String generationsNote,
    List<Trend> trends,
    List<Figures.Figure> skipped) {

  /** Generations beyond this are left out of the table (the trend charts still show them). */
  static final int GENERATION_CAP = 100;

  /** The figures of one generation, as the table lists them. */
  record Generation(
      String index,
      String dataset,
      String precision,
      String recall,
      String density,
      String coverage,
      String duplicateRate) {

    static Generation of(JsonObject generation) {
      return new Generation(
          Json.string(generation, "index"),
          Json.string(generation, "dataset_id"),
          Formats.figure(Json.number(generation, "precision")),
          Formats.figure(Json.number(generation, "recall")),
          Formats.figure(Json.number(generation, "density")),
          Formats.figure(Json.number(generation, "coverage")),
          Formats.figure(Json.number(generation, "duplicate_rate")));
    }
  }

  /** One signal's chart and least-squares slope per generation. */
  record Trend(String signal, String slope, Chart chart) {}

  static CollapseModel of(JsonObject collapse) {
    List<String> reasons = new ArrayList<>();
    Json.array(collapse, "reasons").forEach(reason -> reasons.add(Figures.text(reason)));
    JsonArray all = Json.array(collapse, "generations");
    List<Generation> generations = new ArrayList<>();
    for (int i = 0; i < Math.min(all.size(), GENERATION_CAP); i++) {
      if (all.getValue(i) instanceof JsonObject generation) {
        generations.add(Generation.of(generation));
      }
    }
    JsonObject signals = Json.object(collapse, "trends");
    List<Trend> trends = new ArrayList<>();
    if (signals != null) {
      for (String signal : signals.fieldNames()) {
        JsonObject trend = Json.object(signals, signal);
        String name = Formats.words(signal);
        double[] series = Json.doubles(Json.array(trend, "series"), Double.NaN);
        trends.add(
            new Trend(
                name, Formats.figure(Json.number(trend, "slope")), TrendChart.of(name, series)));
      }
    }
    return new CollapseModel(
        Objects.requireNonNullElse(Json.string(collapse, "risk"), Formats.NONE),
        reasons,
        Json.string(collapse, "first_collapsed_generation"),
        generations,
        all.size() > GENERATION_CAP
            ? "Showing the first " + GENERATION_CAP + " of " + all.size() + " generations."
            : null,
        trends,
        ReportModel.skipped(Json.array(collapse, "skipped")));
  }
}
