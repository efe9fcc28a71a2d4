package io.synthos.api.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * One collapse signal across generations as a small line chart: generation 1 on the left, the last
 * on the right, the signal's own range top to bottom; generations without a value are left out of
 * the line.
 */
final class TrendChart {

  private static final int WIDTH = 240;
  private static final int HEIGHT = 96;
  private static final int LEFT = 44;
  private static final int RIGHT = 10;
  private static final int TOP = 10;
  private static final int BOTTOM = 20;

  private TrendChart() {}

  /** The chart of {@code series} (generation i + 1 at index i, NaN where missing). */
  static Chart of(String signal, double[] series) {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (double value : series) {
      if (!Double.isNaN(value)) {
        low = Math.min(low, value);
        high = Math.max(high, value);
      }
    }
    List<Chart.Label> labels = new ArrayList<>();
    List<Chart.Dot> dots = new ArrayList<>();
    List<Chart.Line> lines = new ArrayList<>();
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    if (low <= high) {
      // A flat series sits mid-height instead of dividing by a zero range.
      double span = high > low ? high - low : 1;
      double middle = high > low ? 0 : plotHeight / 2;
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < series.length; i++) {
        if (Double.isNaN(series[i])) {
          continue;
        }
        double x =
            LEFT + (series.length == 1 ? plotWidth / 2 : plotWidth * i / (series.length - 1));
        double y = TOP + plotHeight - middle - plotHeight * (series[i] - low) / span;
        points.append(points.length() == 0 ? "" : " ").append(Svg.number(x)).append(',');
        points.append(Svg.number(y));
        dots.add(new Chart.Dot(x, y, "generation " + (i + 1) + ": " + Formats.figure(series[i])));
      }
      lines.add(new Chart.Line(points.toString(), Svg.SYNTHETIC));
      labels.add(new Chart.Label(LEFT - 4, TOP + 4, "end", Formats.figure(high)));
      labels.add(new Chart.Label(LEFT - 4, TOP + plotHeight, "end", Formats.figure(low)));
    } else {
      labels.add(new Chart.Label(WIDTH / 2.0, HEIGHT / 2.0, "middle", "no values"));
    }
    labels.add(new Chart.Label(LEFT, HEIGHT - 4, "start", "gen 1"));
    labels.add(new Chart.Label(WIDTH - RIGHT, HEIGHT - 4, "end", "gen " + series.length));
    return new Chart(
        "trend",
        WIDTH,
        HEIGHT,
        signal + " across " + series.length + " generations",
        List.of(),
        lines,
        dots,
        labels);
  }
}
