package io.synthos.api.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A column's real and synthetic distributions as paired bars: vertical, one pair per bin, for a
 * histogram; horizontal, one pair per category, for categories (so long names fit on the left).
 */
final class DistributionChart {

  private static final int WIDTH = 340;
  private static final int HISTOGRAM_HEIGHT = 150;
  private static final int MARGIN = 8;
  private static final int AXIS = 18;
  private static final int ROW = 18;
  private static final int NAME_WIDTH = 130;
  private static final int NAME_LENGTH = 20;

  private DistributionChart() {}

  /** The chart of {@code distribution} for the column {@code column} of type {@code type}. */
  static Chart of(String column, String type, JsonObject distribution) {
    return "histogram".equals(distribution.getString("kind"))
        ? histogram(column, type, distribution)
        : categories(column, distribution);
  }

  /** What the bars leave out: synthetic values outside the real range, or the other categories. */
  static String caption(JsonObject distribution) {
    if ("histogram".equals(distribution.getString("kind"))) {
      return "Synthetic values below the real range: "
          + Formats.percent(share(distribution, "synthetic_below"))
          + ", above it: "
          + Formats.percent(share(distribution, "synthetic_above"))
          + ".";
    }
    return "Other categories: real "
        + Formats.percent(share(distribution, "other_real"))
        + ", synthetic "
        + Formats.percent(share(distribution, "other_synthetic"))
        + ".";
  }

  private static Chart histogram(String column, String type, JsonObject distribution) {
    double[] edges = Json.doubles(distribution.getJsonArray("edges"), Double.NaN);
    double[] real = Json.doubles(distribution.getJsonArray("real"), 0);
    double[] synthetic = Json.doubles(distribution.getJsonArray("synthetic"), 0);
    int bins = Math.min(real.length, synthetic.length);
    double top = Math.max(max(real), max(synthetic));
    double plotWidth = WIDTH - 2.0 * MARGIN;
    double plotHeight = HISTOGRAM_HEIGHT - MARGIN - AXIS;
    double baseline = MARGIN + plotHeight;
    double slot = plotWidth / Math.max(bins, 1);
    List<Chart.Bar> bars = new ArrayList<>();
    for (int bin = 0; bin < bins; bin++) {
      String range = edges.length > bin + 1 ? range(type, edges, bin, bins) : "bin " + (bin + 1);
      double x = MARGIN + slot * bin;
      double realHeight = plotHeight * real[bin] / top;
      double syntheticHeight = plotHeight * synthetic[bin] / top;
      bars.add(
          new Chart.Bar(
              x + slot * 0.1,
              baseline - realHeight,
              slot * 0.4,
              realHeight,
              Svg.REAL,
              "bar real",
              "real " + Formats.percent(real[bin]) + " in " + range));
      bars.add(
          new Chart.Bar(
              x + slot * 0.5,
              baseline - syntheticHeight,
              slot * 0.4,
              syntheticHeight,
              Svg.SYNTHETIC,
              "bar synthetic",
              "synthetic " + Formats.percent(synthetic[bin]) + " in " + range));
    }
    List<Chart.Label> labels = new ArrayList<>();
    if (edges.length > 0) {
      double labelY = HISTOGRAM_HEIGHT - 4;
      labels.add(new Chart.Label(MARGIN, labelY, "start", value(type, edges[0])));
      labels.add(
          new Chart.Label(WIDTH - MARGIN, labelY, "end", value(type, edges[edges.length - 1])));
    }
    Chart.Line axis =
        new Chart.Line(
            Svg.number(MARGIN)
                + ","
                + Svg.number(baseline)
                + " "
                + Svg.number(WIDTH - MARGIN)
                + ","
                + Svg.number(baseline),
            "#999999");
    return new Chart(
        "distribution",
        WIDTH,
        HISTOGRAM_HEIGHT,
        "Histogram of " + column + ": real and synthetic shares per bin",
        bars,
        List.of(axis),
        List.of(),
        labels);
  }

  private static Chart categories(String column, JsonObject distribution) {
    JsonArray names = distribution.getJsonArray("categories", new JsonArray());
    double[] real = Json.doubles(distribution.getJsonArray("real"), 0);
    double[] synthetic = Json.doubles(distribution.getJsonArray("synthetic"), 0);
    int rows = Math.min(names.size(), Math.min(real.length, synthetic.length));
    double top = Math.max(max(real), max(synthetic));
    double barWidth = WIDTH - NAME_WIDTH - MARGIN;
    List<Chart.Bar> bars = new ArrayList<>();
    List<Chart.Label> labels = new ArrayList<>();
    for (int row = 0; row < rows; row++) {
      String name = String.valueOf(names.getValue(row));
      double y = MARGIN + row * ROW;
      bars.add(
          new Chart.Bar(
              NAME_WIDTH,
              y + 1,
              barWidth * real[row] / top,
              7,
              Svg.REAL,
              "bar real",
              name + ": real " + Formats.percent(real[row])));
      bars.add(
          new Chart.Bar(
              NAME_WIDTH,
              y + 8,
              barWidth * synthetic[row] / top,
              7,
              Svg.SYNTHETIC,
              "bar synthetic",
              name + ": synthetic " + Formats.percent(synthetic[row])));
      labels.add(new Chart.Label(NAME_WIDTH - 6, y + 12, "end", Svg.shorten(name, NAME_LENGTH)));
    }
    return new Chart(
        "distribution",
        WIDTH,
        2 * MARGIN + rows * ROW,
        "Bar chart of " + column + ": real and synthetic shares per category",
        bars,
        List.of(),
        List.of(),
        labels);
  }

  private static String range(String type, double[] edges, int bin, int bins) {
    // numpy's bins: closed on the left, the last one on both sides.
    return "["
        + value(type, edges[bin])
        + ", "
        + value(type, edges[bin + 1])
        + (bin == bins - 1 ? "]" : ")");
  }

  private static String value(String type, double value) {
    return "datetime".equals(type) ? Formats.epochSeconds(value) : Formats.figure(value);
  }

  private static double share(JsonObject distribution, String key) {
    Number share = distribution.getNumber(key);
    return share == null ? 0 : share.doubleValue();
  }

  /** The largest value, at least a hair above 0 so that empty charts divide safely. */
  private static double max(double[] values) {
    double max = Double.MIN_VALUE;
    for (double value : values) {
      max = Math.max(max, value);
    }
    return max;
  }
}
