package io.synthos.api.reports;

import io.synthos.platform.ReportSections;
import io.synthos.proto.v1.ReportSection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A completed validation's report as the page shows it: the overall score, the sections, the
 * fidelity charts (capped, with a note when they are), collapse, and what was skipped.
 *
 * @param grade the grade in words, or null without one
 * @param columnsNote says the column charts were cut, or null
 * @param heatMap the pair-trend grid, or null without pairs
 * @param heatMapNote says the grid was cut, or null
 * @param collapse null when the report has no collapse section
 */
record ReportModel(
    String score,
    String grade,
    String metricsVersion,
    String sampled,
    List<SectionModel> sections,
    List<ColumnModel> columns,
    String columnsNote,
    Chart heatMap,
    String heatMapNote,
    CollapseModel collapse,
    List<Figures.Figure> skipped) {

  /** Columns beyond this get no chart: a page of thousands of charts helps no one. */
  static final int COLUMN_CAP = 100;

  /** The heat map's side at most, in columns. */
  static final int HEAT_MAP_CAP = 40;

  /** Sections in the order a reader expects them; any other section follows in report order. */
  private static final List<String> ORDER = ReportSections.keys(ReportSections.SCORED);

  private static final String COLLAPSE = ReportSections.key(ReportSection.COLLAPSE);

  /** Top-level keys that are not sections, or that have a view of their own. */
  private static final Set<String> NOT_SECTIONS =
      Set.of("score", "grade", "metrics_version", "sampled", "skipped", COLLAPSE);

  static ReportModel of(JsonObject report) {
    Set<String> keys = new LinkedHashSet<>(ORDER);
    keys.addAll(report.fieldNames());
    keys.removeAll(NOT_SECTIONS);
    List<SectionModel> sections = new ArrayList<>();
    for (String key : keys) {
      JsonObject section = Json.object(report, key);
      if (section != null) {
        sections.add(SectionModel.of(key, section));
      }
    }
    JsonObject fidelity = Json.object(report, ReportSections.key(ReportSection.FIDELITY));
    JsonArray shapes = Json.array(Json.object(fidelity, "column_shapes"), "columns");
    List<ColumnModel> columns = new ArrayList<>();
    for (int i = 0; i < Math.min(shapes.size(), COLUMN_CAP); i++) {
      if (shapes.getValue(i) instanceof JsonObject shape) {
        columns.add(ColumnModel.of(shape));
      }
    }
    HeatMap.Grid grid =
        HeatMap.of(Json.array(Json.object(fidelity, "column_pair_trends"), "pairs"), HEAT_MAP_CAP);
    JsonObject collapse = Json.object(report, COLLAPSE);
    String grade = Json.string(report, "grade");
    return new ReportModel(
        Formats.overall(Json.number(report, "score")),
        grade == null ? null : Formats.words(grade),
        Objects.requireNonNullElse(Json.string(report, "metrics_version"), Formats.NONE),
        Figures.text(report.getValue("sampled", false)),
        sections,
        columns,
        shapes.size() > COLUMN_CAP
            ? "Showing the first " + COLUMN_CAP + " of " + shapes.size() + " columns."
            : null,
        grid == null ? null : grid.chart(),
        grid == null || grid.columns() <= HEAT_MAP_CAP
            ? null
            : "Showing the first " + HEAT_MAP_CAP + " of " + grid.columns() + " columns.",
        collapse == null ? null : CollapseModel.of(collapse),
        skipped(Json.array(report, "skipped")));
  }

  /** Skipped columns and sections: what, and why. */
  static List<Figures.Figure> skipped(JsonArray skipped) {
    List<Figures.Figure> rows = new ArrayList<>();
    for (Object item : skipped) {
      if (item instanceof JsonObject skip) {
        String subject =
            skip.containsKey("section")
                ? "section " + Json.string(skip, "section")
                : "column " + Json.string(skip, "column");
        if (skip.containsKey("generation")) {
          subject += " (generation " + Json.string(skip, "generation") + ")";
        }
        rows.add(new Figures.Figure(subject, Json.string(skip, "reason")));
      }
    }
    return rows;
  }
}
