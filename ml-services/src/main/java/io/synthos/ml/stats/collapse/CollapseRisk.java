package io.synthos.ml.stats.collapse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Grades the risk of model collapse across synthetic generations from PRDC coverage and the median
 * column signals: {@code high} and {@code medium} when a signal of a generation is below its
 * threshold, {@code low} when a signal has been falling steadily, else {@code none}.
 */
public final class CollapseRisk {

  /** The signals graded, each read from a generation as {@code coverage} or a median. */
  static final List<String> SIGNALS =
      List.of("coverage", "variance_ratio", "tail_ratio", "category_coverage");

  /** A risk level, from none to high. */
  public enum Level {
    NONE,
    LOW,
    MEDIUM,
    HIGH;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The bounds a generation's signals are held to: below a {@code high*} bound is high risk, below
   * a {@code medium*} bound medium; {@code low} risk when a signal has fallen strictly over {@code
   * trendGenerations} or more consecutive generations, ending at the last one, by more than {@code
   * trendDrop} of its value at the first of them.
   */
  public record Thresholds(
      double highCoverage,
      double highVarianceRatio,
      double highTailRatio,
      double highCategoryCoverage,
      double mediumCoverage,
      double mediumVarianceRatio,
      double mediumTailRatio,
      double mediumCategoryCoverage,
      int trendGenerations,
      double trendDrop) {

    /** The defaults documented on {@link CollapseRisk}. */
    public static final Thresholds DEFAULTS =
        new Thresholds(0.5, 0.5, 0.25, 0.7, 0.8, 0.8, 0.6, 0.9, 3, 0.1);

    public Thresholds {
      if (highCoverage > mediumCoverage
          || highVarianceRatio > mediumVarianceRatio
          || highTailRatio > mediumTailRatio
          || highCategoryCoverage > mediumCategoryCoverage) {
        throw new IllegalArgumentException("a high-risk bound exceeds its medium-risk bound");
      }
      if (trendGenerations < 2 || !(trendDrop >= 0 && trendDrop < 1)) {
        throw new IllegalArgumentException(
            "the trend needs at least 2 generations and a drop in [0, 1)");
      }
    }

    double high(String signal) {
      return switch (signal) {
        case "coverage" -> highCoverage;
        case "variance_ratio" -> highVarianceRatio;
        case "tail_ratio" -> highTailRatio;
        default -> highCategoryCoverage;
      };
    }

    double medium(String signal) {
      return switch (signal) {
        case "coverage" -> mediumCoverage;
        case "variance_ratio" -> mediumVarianceRatio;
        case "tail_ratio" -> mediumTailRatio;
        default -> mediumCategoryCoverage;
      };
    }
  }

  private CollapseRisk() {}

  /**
   * The risk of the last generation, why, and the first generation at medium risk or worse.
   *
   * @param generations in order, each {@code {coverage?, medians: {variance_ratio, tail_ratio,
   *     category_coverage, ...}}}; absent or null signals never trigger
   * @return {@code {risk, reasons: ["<signal> <value> <threshold>"], first_collapsed_generation}}
   *     with the generation 1-based, or null when none reached medium
   */
  public static JsonObject assess(List<JsonObject> generations, Thresholds thresholds) {
    List<double[]> values = new ArrayList<>();
    for (JsonObject generation : generations) {
      values.add(signals(generation));
    }
    Integer firstCollapsed = null;
    for (int g = 0; g < values.size() && firstCollapsed == null; g++) {
      if (level(values.get(g), thresholds, null).compareTo(Level.MEDIUM) >= 0) {
        firstCollapsed = g + 1;
      }
    }
    JsonArray reasons = new JsonArray();
    Level risk = Level.NONE;
    if (!values.isEmpty()) {
      risk = level(values.get(values.size() - 1), thresholds, reasons);
      if (risk == Level.NONE && falling(values, thresholds, reasons)) {
        risk = Level.LOW;
      }
    }
    return new JsonObject()
        .put("risk", risk.label())
        .put("reasons", reasons)
        .put("first_collapsed_generation", firstCollapsed);
  }

  /** A generation's signals in {@link #SIGNALS} order, NaN where absent or null. */
  private static double[] signals(JsonObject generation) {
    JsonObject medians = generation.getJsonObject("medians", new JsonObject());
    double[] out = new double[SIGNALS.size()];
    for (int i = 0; i < out.length; i++) {
      String signal = SIGNALS.get(i);
      Object value = i == 0 ? generation.getValue(signal) : medians.getValue(signal);
      out[i] = value instanceof Number number ? number.doubleValue() : Double.NaN;
    }
    return out;
  }

  /** High or medium from one generation's thresholds, else none; adds the triggers to reasons. */
  private static Level level(double[] signals, Thresholds thresholds, JsonArray reasons) {
    for (Level level : List.of(Level.HIGH, Level.MEDIUM)) {
      boolean hit = false;
      for (int i = 0; i < signals.length; i++) {
        String signal = SIGNALS.get(i);
        double bound = level == Level.HIGH ? thresholds.high(signal) : thresholds.medium(signal);
        if (signals[i] < bound) {
          hit = true;
          if (reasons != null) {
            reasons.add(signal + " " + format(signals[i]) + " < " + format(bound));
          }
        }
      }
      if (hit) {
        return level;
      }
    }
    return Level.NONE;
  }

  /** Whether a signal fell strictly over the last generations by more than the trend drop. */
  private static boolean falling(List<double[]> values, Thresholds thresholds, JsonArray reasons) {
    boolean any = false;
    int last = values.size() - 1;
    for (int i = 0; i < SIGNALS.size(); i++) {
      int start = last;
      while (start > 0 && values.get(start - 1)[i] > values.get(start)[i]) {
        start--;
      }
      int run = last - start + 1;
      double first = values.get(start)[i];
      double now = values.get(last)[i];
      if (run >= thresholds.trendGenerations()
          && first - now > thresholds.trendDrop() * Math.abs(first)) {
        any = true;
        reasons.add(
            SIGNALS.get(i)
                + " "
                + format(now)
                + " fell from "
                + format(first)
                + " over "
                + run
                + " generations, more than "
                + format(100 * thresholds.trendDrop())
                + "%");
      }
    }
    return any;
  }

  private static String format(double value) {
    // Four significant digits without trailing zeros: 0.42, not 0.4200000000000001.
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
