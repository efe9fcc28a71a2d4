package io.synthos.api.reports;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One section of the report in the overview: its title, score and figures. */
record SectionModel(String title, String score, List<Figures.Figure> figures) {

  private static final Map<String, String> TITLES =
      Map.of(
          "fidelity", "Fidelity",
          "privacy", "Privacy",
          "utility", "Utility",
          "detection", "Detection",
          "quality", "Data quality");

  /** The fidelity section's lists, drawn as charts rather than listed. */
  private static final Set<String> DRAWN = Set.of("columns", "pairs");

  /** A section's figures beyond this are counted, not listed: a quality check may list columns. */
  private static final int FIGURE_CAP = 200;

  static SectionModel of(String key, JsonObject section) {
    return new SectionModel(
        TITLES.getOrDefault(key, Formats.words(key)),
        Formats.score(Json.number(section, "score")),
        Figures.of(section, key.equals("fidelity") ? DRAWN : Set.of(), FIGURE_CAP));
  }
}
