package io.synthos.api.warranties;

import io.synthos.platform.ReportSections;
import io.synthos.proto.v1.ReportSection;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published thresholds a validation report must meet for each warranty tier. The report is the
 * validation report (score 0–100; sections {@code fidelity}, {@code privacy}, {@code detection}
 * each with a {@code score} 0–1) with the collapse report under {@code collapse} when generations
 * were analysed. A collapse risk limit applies only when that section is present: a dataset without
 * generations cannot collapse, so its absence meets every tier.
 */
public final class WarrantyTiers {

  public static final List<String> NAMES = List.of("basic", "standard", "premium");

  /** Collapse risk levels, from least to most severe, as the collapse report spells them. */
  static final List<String> RISKS = List.of("none", "low", "medium", "high");

  private static final List<String> FIELDS =
      List.of(
          "min_score",
          "min_privacy",
          "min_fidelity",
          "min_detection",
          "max_collapse_risk",
          "validity_days");

  /**
   * One tier's thresholds; a null threshold is not required. {@code minDetection} 0.5 means the
   * discriminator's AUC is at most 0.75.
   */
  public record Tier(
      Double minScore,
      Double minPrivacy,
      Double minFidelity,
      Double minDetection,
      String maxCollapseRisk,
      int validityDays) {

    /**
     * @throws IllegalArgumentException naming the threshold that is out of range
     */
    public Tier {
      within("min_score", minScore, 100);
      within("min_privacy", minPrivacy, 1);
      within("min_fidelity", minFidelity, 1);
      within("min_detection", minDetection, 1);
      if (maxCollapseRisk != null && !RISKS.contains(maxCollapseRisk)) {
        throw new IllegalArgumentException(
            "max_collapse_risk must be one of " + RISKS + ", got '" + maxCollapseRisk + "'");
      }
      if (validityDays < 1 || validityDays > 3650) { // ten years: beyond that it is a typo
        throw new IllegalArgumentException(
            "validity_days must be between 1 and 3650, got " + validityDays);
      }
    }

    public Duration validity() {
      return Duration.ofDays(validityDays);
    }

    public JsonObject toJson() {
      return new JsonObject()
          .put("min_score", minScore)
          .put("min_privacy", minPrivacy)
          .put("min_fidelity", minFidelity)
          .put("min_detection", minDetection)
          .put("max_collapse_risk", maxCollapseRisk)
          .put("validity_days", validityDays);
    }

    private static Tier fromJson(String name, JsonObject json) {
      for (String field : json.fieldNames()) {
        if (!FIELDS.contains(field)) {
          throw new IllegalArgumentException(
              "unknown threshold '" + field + "' in tier '" + name + "'; known: " + FIELDS);
        }
      }
      Object risk = json.getValue("max_collapse_risk");
      Object days = json.getValue("validity_days");
      if (risk != null && !(risk instanceof String)) {
        throw new IllegalArgumentException("max_collapse_risk of tier '" + name + "' is a string");
      }
      if (!(days instanceof Integer || days instanceof Long)
          || ((Number) days).longValue() != ((Number) days).intValue()) {
        throw new IllegalArgumentException(
            "validity_days of tier '" + name + "' must be a whole number of days");
      }
      return new Tier(
          number(name, json, "min_score"),
          number(name, json, "min_privacy"),
          number(name, json, "min_fidelity"),
          number(name, json, "min_detection"),
          (String) risk,
          ((Number) days).intValue());
    }

    private static Double number(String tier, JsonObject json, String field) {
      Object value = json.getValue(field);
      if (value != null && !(value instanceof Number)) {
        throw new IllegalArgumentException(field + " of tier '" + tier + "' must be a number");
      }
      return value == null ? null : ((Number) value).doubleValue();
    }

    private static void within(String field, Double value, double max) {
      if (value != null && !(value >= 0 && value <= max)) {
        throw new IllegalArgumentException(
            field + " must be between 0 and " + (int) max + ", got " + value);
      }
    }
  }

  /** A threshold the report does not meet; {@code found} is null when the report lacks it. */
  public record Unmet(String threshold, Object required, Object found) {

    public JsonObject toJson() {
      return new JsonObject()
          .put("threshold", threshold)
          .put("required", required)
          .put("found", found);
    }
  }

  private final Map<String, Tier> tiers;

  private WarrantyTiers(Map<String, Tier> tiers) {
    this.tiers = tiers;
  }

  /**
   * The published defaults. basic: score ≥ 60, privacy ≥ 0.2, 90 days. standard: score ≥ 75,
   * privacy ≥ 0.3, fidelity ≥ 0.75, collapse risk ≤ medium, 180 days. premium: score ≥ 85, privacy
   * ≥ 0.4, fidelity ≥ 0.85, detection ≥ 0.5, collapse risk ≤ low, 365 days. The privacy score
   * measures distance to the real rows against random rows, so even a fresh sample of the real
   * distribution (a perfect generator that copies nothing) scores only about 0.3 to 0.4 on small
   * tables: premium asks for a generator that keeps its distance better than that.
   */
  public static WarrantyTiers defaults() {
    Map<String, Tier> tiers = new LinkedHashMap<>();
    tiers.put("basic", new Tier(60.0, 0.2, null, null, null, 90));
    tiers.put("standard", new Tier(75.0, 0.3, 0.75, null, "medium", 180));
    tiers.put("premium", new Tier(85.0, 0.4, 0.85, 0.5, "low", 365));
    return new WarrantyTiers(tiers);
  }

  /**
   * The defaults with some thresholds overridden, e.g. {@code {"standard": {"min_score": 78}}}; a
   * null value drops that requirement.
   *
   * @throws IllegalArgumentException naming an unknown tier or threshold, or a value out of range
   */
  public static WarrantyTiers fromJson(JsonObject overrides) {
    Map<String, Tier> tiers = new LinkedHashMap<>(defaults().tiers);
    for (String name : overrides.fieldNames()) {
      if (!tiers.containsKey(name)) {
        throw new IllegalArgumentException(
            "unknown warranty tier '" + name + "'; the tiers are " + NAMES);
      }
      if (!(overrides.getValue(name) instanceof JsonObject override)) {
        throw new IllegalArgumentException("tier '" + name + "' must be an object of thresholds");
      }
      tiers.put(name, Tier.fromJson(name, tiers.get(name).toJson().mergeIn(override)));
    }
    return new WarrantyTiers(tiers);
  }

  /**
   * @throws IllegalArgumentException for an unknown tier
   */
  public Tier tier(String name) {
    Tier tier = tiers.get(name);
    if (tier == null) {
      throw new IllegalArgumentException(
          "unknown warranty tier '" + name + "'; the tiers are " + NAMES);
    }
    return tier;
  }

  /**
   * The thresholds of a tier the report does not meet, in a fixed order; empty when it qualifies.
   *
   * @throws IllegalArgumentException for an unknown tier
   */
  public List<Unmet> evaluate(String name, JsonObject report) {
    Tier tier = tier(name);
    List<Unmet> unmet = new ArrayList<>();
    atLeast(unmet, "score", tier.minScore(), finite(report.getValue("score")));
    atLeast(unmet, tier.minPrivacy(), report, ReportSection.PRIVACY);
    atLeast(unmet, tier.minFidelity(), report, ReportSection.FIDELITY);
    atLeast(unmet, tier.minDetection(), report, ReportSection.DETECTION);
    String max = tier.maxCollapseRisk();
    if (max != null
        && report.getValue(ReportSections.key(ReportSection.COLLAPSE))
            instanceof JsonObject collapse) {
      Object risk = collapse.getValue("risk");
      if (!RISKS.contains(risk) || RISKS.indexOf(risk) > RISKS.indexOf(max)) {
        unmet.add(new Unmet("collapse_risk", max, risk instanceof String ? risk : null));
      }
    }
    return unmet;
  }

  /** {@code {basic: {...}, standard: {...}, premium: {...}}} with nulls where not required. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    tiers.forEach((name, tier) -> json.put(name, tier.toJson()));
    return json;
  }

  private static void atLeast(List<Unmet> unmet, String threshold, Double min, Double found) {
    if (min != null && (found == null || found < min)) {
      unmet.add(new Unmet(threshold, min, found));
    }
  }

  /** A section's threshold is named as the section is. */
  private static void atLeast(
      List<Unmet> unmet, Double min, JsonObject report, ReportSection section) {
    String key = ReportSections.key(section);
    atLeast(
        unmet,
        key,
        min,
        report.getValue(key) instanceof JsonObject json ? finite(json.getValue("score")) : null);
  }

  /** A failed metric is reported as null or NaN: either way it is absent. */
  private static Double finite(Object value) {
    return value instanceof Number number && Double.isFinite(number.doubleValue())
        ? number.doubleValue()
        : null;
  }
}
