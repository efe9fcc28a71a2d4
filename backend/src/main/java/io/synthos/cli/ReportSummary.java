package io.synthos.cli;

import io.synthos.platform.ReportSections;
import io.synthos.proto.v1.ReportSection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** A report in a few lines: score and grade, each section, the columns that match worst. */
final class ReportSummary {

  /** The data's own quality first, then how it compares with the real data. */
  private static final List<String> SECTIONS =
      ReportSections.keys(
          Stream.concat(Stream.of(ReportSection.QUALITY), ReportSections.COMPARISONS.stream())
              .toList());

  private static final int WORST_COLUMNS = 3;

  private ReportSummary() {}

  static void print(JsonObject report, PrintWriter out) {
    Double score = report.getDouble("score");
    out.printf(
        Locale.ROOT,
        "%-12s %s%n",
        "score",
        score == null
            ? "none (no reference data)"
            : String.format(Locale.ROOT, "%.1f  %s", score, report.getString("grade")));
    for (String section : SECTIONS) {
      JsonObject value = report.getJsonObject(section);
      if (value != null && value.getValue("score") instanceof Number number) {
        out.printf(Locale.ROOT, "%-12s %.3f%n", section, number.doubleValue());
      }
    }
    String collapseKey = ReportSections.key(ReportSection.COLLAPSE);
    JsonObject collapse = report.getJsonObject(collapseKey);
    if (collapse != null) {
      out.printf(Locale.ROOT, "%-12s risk %s%n", collapseKey, collapse.getString("risk"));
    }
    List<JsonObject> worst = worstColumns(report);
    if (!worst.isEmpty()) {
      out.println("worst columns (fidelity):");
      for (JsonObject column : worst) {
        out.printf(
            Locale.ROOT,
            "  %-20s %-22s %.3f%n",
            column.getString("column"),
            column.getString("metric"),
            column.getDouble("score"));
      }
    }
    for (Object entry : report.getJsonArray("skipped", new JsonArray())) {
      if (entry instanceof JsonObject skipped && skipped.getString("section") != null) {
        out.printf(
            "skipped      %s: %s%n", skipped.getString("section"), skipped.getString("reason"));
      }
    }
    out.flush();
  }

  /** The column shapes with the lowest scores, worst first. */
  static List<JsonObject> worstColumns(JsonObject report) {
    JsonObject fidelity = report.getJsonObject(ReportSections.key(ReportSection.FIDELITY));
    JsonObject shapes = fidelity == null ? null : fidelity.getJsonObject("column_shapes");
    JsonArray columns = shapes == null ? null : shapes.getJsonArray("columns");
    if (columns == null) {
      return List.of();
    }
    return columns.stream()
        .filter(JsonObject.class::isInstance)
        .map(JsonObject.class::cast)
        .filter(column -> column.getValue("score") instanceof Number)
        .sorted(Comparator.comparingDouble(column -> column.getDouble("score")))
        .limit(WORST_COLUMNS)
        .toList();
  }
}
