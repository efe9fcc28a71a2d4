package io.synthos.cli;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bounds a CI gate sets on a report; each unmet one is named. A report without collapse
 * analysis meets the collapse bound, as it does for the warranty tiers.
 *
 * @param minScore the least overall score (0–100), or null for none
 * @param maxCollapseRisk the highest collapse risk allowed, or null for any
 */
record Thresholds(Double minScore, CollapseRisk maxCollapseRisk) {

  /** The collapse risks of a report, from least to most. */
  enum CollapseRisk {
    NONE,
    LOW,
    MEDIUM,
    HIGH;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  boolean any() {
    return minScore != null || maxCollapseRisk != null;
  }

  /** One line per threshold: whether it holds and what the report found. */
  List<String> describe(JsonObject report) {
    List<String> lines = new ArrayList<>();
    if (minScore != null) {
      Double score = report.getDouble("score");
      lines.add(
          (scoreMet(score) ? "met    " : "UNMET  ")
              + "--min-score "
              + format(minScore)
              + ": "
              + (score == null ? "no score (it needs --real)" : "the score is " + format(score)));
    }
    if (maxCollapseRisk != null) {
      String risk = risk(report);
      lines.add(
          (riskMet(risk) ? "met    " : "UNMET  ")
              + "--max-collapse-risk "
              + maxCollapseRisk.id()
              + ": "
              + (risk == null ? "no collapse analysis" : "the collapse risk is " + risk));
    }
    return lines;
  }

  /** Whether every threshold holds. */
  boolean met(JsonObject report) {
    return scoreMet(report.getDouble("score")) && riskMet(risk(report));
  }

  private boolean scoreMet(Double score) {
    return minScore == null || (score != null && score >= minScore);
  }

  private boolean riskMet(String risk) {
    return maxCollapseRisk == null
        || risk == null
        || CollapseRisk.valueOf(risk.toUpperCase(Locale.ROOT)).compareTo(maxCollapseRisk) <= 0;
  }

  private static String risk(JsonObject report) {
    JsonObject collapse = report.getJsonObject("collapse");
    return collapse == null ? null : collapse.getString("risk");
  }

  static String format(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }
}
