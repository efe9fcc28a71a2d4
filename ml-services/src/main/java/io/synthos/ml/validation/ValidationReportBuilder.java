package io.synthos.ml.validation;

import static io.synthos.proto.v1.ReportSection.DETECTION;
import static io.synthos.proto.v1.ReportSection.FIDELITY;
import static io.synthos.proto.v1.ReportSection.PRIVACY;
import static io.synthos.proto.v1.ReportSection.QUALITY;
import static io.synthos.proto.v1.ReportSection.UTILITY;

import io.synthos.ml.common.ColumnMatcher;
import io.synthos.ml.common.RawColumn;
import io.synthos.ml.common.ReportSections;
import io.synthos.ml.stats.MatchedColumn;
import io.synthos.ml.stats.Progress;
import io.synthos.ml.stats.ProgressSteps;
import io.synthos.ml.stats.fidelity.Fidelity;
import io.synthos.ml.stats.learn.Detection;
import io.synthos.ml.stats.learn.Utility;
import io.synthos.ml.stats.privacy.Privacy;
import io.synthos.ml.stats.privacy.PrivacyOptions;
import io.synthos.ml.stats.quality.Quality;
import io.synthos.proto.v1.ReportSection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes the sections a validation asks for and joins them into the report: the quality of the
 * synthetic dataset always; the sections that compare it with the reference when there is one, with
 * an overall score 0–100 (the weighted mean of those sections present, weights renormalised) and
 * its grade. Quality is reported beside the score, never in it. Blocking CPU work: runs on a worker
 * thread.
 */
final class ValidationReportBuilder {

  static final String METRICS_VERSION = "1";

  static final String NO_REFERENCE = "no reference dataset given";

  private static final Map<ReportSection, Double> WEIGHTS =
      Map.of(FIDELITY, 0.4, PRIVACY, 0.3, UTILITY, 0.15, DETECTION, 0.15);

  /**
   * Each section's rough share of a validation's work, so that progress moves at about the pace of
   * the clock: the nearest-row scans of privacy dominate, the models of utility and detection come
   * next.
   */
  private static final Map<ReportSection, Double> WORK =
      Map.of(QUALITY, 0.5, FIDELITY, 1.0, PRIVACY, 4.0, UTILITY, 2.0, DETECTION, 2.0);

  private ValidationReportBuilder() {}

  /**
   * The report on {@code synthetic}, against {@code reference} (and {@code holdout}) when given.
   *
   * @param reference the reference's columns, or null: then every requested section is skipped
   * @param holdout the holdout's columns, or null
   * @throws IllegalArgumentException when nothing can be compared or the target does not exist
   */
  static JsonObject build(
      List<RawColumn> reference,
      List<RawColumn> synthetic,
      List<RawColumn> holdout,
      ValidateOptions options,
      int threads,
      Progress progress) {
    if (reference == null) {
      return withoutReference(synthetic, options, progress);
    }
    ColumnMatcher.Matching matching = ColumnMatcher.match(reference, synthetic, holdout);
    List<MatchedColumn> columns = matching.columns();
    if (columns.isEmpty()) {
      throw new IllegalArgumentException(
          "no column of the synthetic dataset matches one of the reference by name and type");
    }
    if (columns.get(0).real().size() == 0) {
      throw new IllegalArgumentException("the reference dataset has no rows");
    }
    if (columns.get(0).synthetic().size() == 0) {
      throw new IllegalArgumentException("the synthetic dataset has no rows");
    }
    if (options.target() != null
        && columns.stream().noneMatch(column -> column.name().equals(options.target()))) {
      throw new IllegalArgumentException(
          "the target column '" + options.target() + "' is not a compared column of both datasets");
    }
    List<ReportSection> running = new ArrayList<>(List.of(QUALITY));
    ReportSections.COMPARISONS.stream()
        .filter(options.sections()::contains)
        .filter(section -> section != UTILITY || options.target() != null)
        .forEach(running::add);
    ProgressSteps steps =
        new ProgressSteps(progress, running.stream().mapToDouble(WORK::get).toArray());
    JsonObject quality = Quality.compute(synthetic, steps.step(0));
    JsonArray skipped = new JsonArray(new ArrayList<>(matching.skipped()));
    Map<ReportSection, JsonObject> sections = new LinkedHashMap<>();
    if (running.contains(FIDELITY)) {
      sections.put(FIDELITY, Fidelity.compute(columns, steps.step(running.indexOf(FIDELITY))));
    }
    boolean sampled = false;
    if (running.contains(PRIVACY)) {
      JsonObject privacy =
          Privacy.compute(
              columns,
              new PrivacyOptions(options.knnMaxRows(), options.seed(), threads),
              steps.step(running.indexOf(PRIVACY)));
      sampled = privacy.getBoolean("sampled_any", false);
      sections.put(PRIVACY, privacy);
    }
    if (running.contains(UTILITY)) {
      sections.put(
          UTILITY,
          Utility.compute(
              columns, options.target(), options.seed(), steps.step(running.indexOf(UTILITY))));
    } else if (options.sections().contains(UTILITY)) {
      skipped.add(section(UTILITY, "no target_column given"));
    }
    if (running.contains(DETECTION)) {
      sections.put(
          DETECTION,
          Detection.compute(columns, options.seed(), steps.step(running.indexOf(DETECTION))));
    }
    return report(quality, sections, sampled, skipped);
  }

  /** Quality only: every requested section needs the reference, so each is skipped, saying so. */
  private static JsonObject withoutReference(
      List<RawColumn> synthetic, ValidateOptions options, Progress progress) {
    JsonArray skipped = new JsonArray();
    ValidateOptions.SECTIONS.stream()
        .filter(options.sections()::contains)
        .forEach(section -> skipped.add(section(section, NO_REFERENCE)));
    return report(Quality.compute(synthetic, progress), Map.of(), false, skipped);
  }

  /** The report: the score and grade of the compared sections (null without any), then each. */
  private static JsonObject report(
      JsonObject quality,
      Map<ReportSection, JsonObject> sections,
      boolean sampled,
      JsonArray skipped) {
    Double score = overall(sections);
    JsonObject report =
        new JsonObject()
            .put("score", score)
            .put("grade", score == null ? null : grade(score))
            .put("metrics_version", METRICS_VERSION)
            .put("sampled", sampled)
            .put(ReportSections.key(QUALITY), quality);
    sections.forEach((section, json) -> report.put(ReportSections.key(section), json));
    return report.put("skipped", skipped);
  }

  /** 100 × the weighted mean of the sections' scores, weights renormalised over those present. */
  static Double overall(Map<ReportSection, JsonObject> sections) {
    double weighted = 0;
    double weights = 0;
    for (Map.Entry<ReportSection, JsonObject> section : sections.entrySet()) {
      Double score = section.getValue().getDouble("score");
      if (score != null && !score.isNaN()) {
        weighted += WEIGHTS.get(section.getKey()) * score;
        weights += WEIGHTS.get(section.getKey());
      }
    }
    return weights == 0 ? null : 100 * weighted / weights;
  }

  static String grade(double score) {
    if (score >= 90) {
      return "excellent";
    }
    if (score >= 80) {
      return "good";
    }
    if (score >= 60) {
      return "moderate";
    }
    return score >= 40 ? "poor" : "very_poor";
  }

  private static JsonObject section(ReportSection section, String reason) {
    return new JsonObject().put("section", ReportSections.key(section)).put("reason", reason);
  }
}
