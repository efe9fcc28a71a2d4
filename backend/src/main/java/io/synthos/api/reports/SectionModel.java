package io.synthos.api.reports;

import io.synthos.platform.ReportSections;
import io.synthos.proto.v1.ReportSection;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One section of the report in the overview: its title, score and figures. */
record SectionModel(String title, String score, List<Figures.Figure> figures) {

  /** A known section is titled by its name, capitalised, unless it has a title of its own here. */
  private static final Map<ReportSection, String> TITLES =
      Map.of(ReportSection.QUALITY, "Data quality");

  /** The fidelity section's lists, drawn as charts rather than listed. */
  private static final Set<String> DRAWN = Set.of("columns", "pairs");

  /** A section's figures beyond this are counted, not listed: a quality check may list columns. */
  private static final int FIGURE_CAP = 200;

  static SectionModel of(String key, JsonObject section) {
    Optional<ReportSection> known = ReportSections.byKey(key);
    return new SectionModel(
        known.map(SectionModel::title).orElse(Formats.words(key)),
        Formats.score(Json.number(section, "score")),
        Figures.of(
            section,
            known.equals(Optional.of(ReportSection.FIDELITY)) ? DRAWN : Set.of(),
            FIGURE_CAP));
  }

  private static String title(ReportSection section) {
    String words = Formats.words(ReportSections.key(section));
    return TITLES.getOrDefault(
        section, Character.toUpperCase(words.charAt(0)) + words.substring(1));
  }
}
