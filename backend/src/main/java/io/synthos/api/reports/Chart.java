package io.synthos.api.reports;

import java.util.List;

/**
 * An inline SVG chart: shapes with their coordinates already formatted, and their texts as they
 * read (escaped only when {@link Svg#render} writes them).
 *
 * @param kind a CSS class naming what the chart shows (distribution, heatmap, trend)
 * @param title what a screen reader announces for the whole chart
 */
record Chart(
    String kind,
    int width,
    int height,
    String title,
    List<Bar> bars,
    List<Line> lines,
    List<Dot> dots,
    List<Label> labels) {

  Chart {
    bars = List.copyOf(bars);
    lines = List.copyOf(lines);
    dots = List.copyOf(dots);
    labels = List.copyOf(labels);
  }

  /** The chart as inline SVG markup, every text in it escaped; public for the template. */
  public String svg() {
    return Svg.render(this);
  }

  /**
   * A rectangle; {@code role} is its CSS class (real, synthetic, cell, legend), {@code tip} its
   * tooltip.
   */
  record Bar(
      String x, String y, String width, String height, String fill, String role, String tip) {

    Bar(double x, double y, double width, double height, String fill, String role, String tip) {
      this(Svg.number(x), Svg.number(y), Svg.number(width), Svg.number(height), fill, role, tip);
    }
  }

  /** A polyline through {@code points} ("x,y x,y ..."). */
  record Line(String points, String stroke) {}

  /** A marked point with its tooltip. */
  record Dot(String x, String y, String tip) {

    Dot(double x, double y, String tip) {
      this(Svg.number(x), Svg.number(y), tip);
    }
  }

  /** A text label; {@code anchor} is SVG's text-anchor (start, middle, end). */
  record Label(String x, String y, String anchor, String text) {

    Label(double x, double y, String anchor, String text) {
      this(Svg.number(x), Svg.number(y), anchor, text);
    }
  }
}
