package io.synthos.api.reports;

import java.util.Locale;

/**
 * Writes a {@link Chart} as inline SVG markup, and what every chart shares: coordinates as text,
 * the colour of a score, labels cut to fit. Every text and attribute value goes through {@link
 * #escape}: the markup is built here rather than in the template because Thymeleaf's per-element
 * cost made a page of a hundred charts take a tenth of a second.
 */
final class Svg {

  /** The colour of real data in every chart. */
  static final String REAL = "#4c72b0";

  /** The colour of synthetic data in every chart. */
  static final String SYNTHETIC = "#dd8452";

  /** A line or shape with no data behind it (axes, missing cells). */
  static final String NEUTRAL = "#e4e4e4";

  private static final int[] LOW = {215, 48, 39};
  private static final int[] MIDDLE = {254, 224, 139};
  private static final int[] HIGH = {26, 152, 80};

  private Svg() {}

  /** The markup of {@code chart}; the page inserts it unescaped, so all text is escaped here. */
  static String render(Chart chart) {
    StringBuilder svg = new StringBuilder(512 + 160 * chart.bars().size());
    svg.append("<svg role=\"img\"");
    attribute(svg, "class", "chart " + chart.kind());
    attribute(svg, "viewBox", "0 0 " + chart.width() + " " + chart.height());
    attribute(svg, "width", String.valueOf(chart.width()));
    attribute(svg, "height", String.valueOf(chart.height()));
    svg.append("><title>").append(escape(chart.title())).append("</title>");
    for (Chart.Bar bar : chart.bars()) {
      svg.append("<rect");
      attribute(svg, "x", bar.x());
      attribute(svg, "y", bar.y());
      attribute(svg, "width", bar.width());
      attribute(svg, "height", bar.height());
      attribute(svg, "fill", bar.fill());
      attribute(svg, "class", bar.role());
      svg.append("><title>").append(escape(bar.tip())).append("</title></rect>");
    }
    for (Chart.Line line : chart.lines()) {
      svg.append("<polyline fill=\"none\" stroke-width=\"1.5\"");
      attribute(svg, "points", line.points());
      attribute(svg, "stroke", line.stroke());
      svg.append("></polyline>");
    }
    for (Chart.Dot dot : chart.dots()) {
      svg.append("<circle r=\"2.5\"");
      attribute(svg, "fill", SYNTHETIC);
      attribute(svg, "cx", dot.x());
      attribute(svg, "cy", dot.y());
      svg.append("><title>").append(escape(dot.tip())).append("</title></circle>");
    }
    for (Chart.Label label : chart.labels()) {
      svg.append("<text");
      attribute(svg, "x", label.x());
      attribute(svg, "y", label.y());
      attribute(svg, "text-anchor", label.anchor());
      svg.append('>').append(escape(label.text())).append("</text>");
    }
    return svg.append("</svg>").toString();
  }

  /**
   * {@code text} safe as HTML or SVG text and inside a double- or single-quoted attribute: the five
   * characters that could end either are replaced by their character references.
   */
  static String escape(String text) {
    StringBuilder escaped = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (replacement != null && escaped == null) {
        escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (replacement != null) {
        escaped.append(replacement);
      } else if (escaped != null) {
        escaped.append(c);
      }
    }
    return escaped == null ? text : escaped.toString();
  }

  /** A coordinate with at most one decimal, the same in every locale. */
  static String number(double value) {
    long tenths = Math.round(value * 10);
    long whole = Math.abs(tenths) / 10;
    long tenth = Math.abs(tenths) % 10;
    return (tenths < 0 ? "-" : "") + whole + (tenth == 0 ? "" : "." + tenth);
  }

  private static void attribute(StringBuilder svg, String name, String value) {
    svg.append(' ').append(name).append("=\"").append(escape(value)).append('"');
  }

  /** Red at 0 through yellow at ½ to green at 1, so a heat map reads like a traffic light. */
  static String scoreColour(double score) {
    double t = Math.max(0, Math.min(1, score));
    int[] from = t < 0.5 ? LOW : MIDDLE;
    int[] to = t < 0.5 ? MIDDLE : HIGH;
    double f = t < 0.5 ? t * 2 : (t - 0.5) * 2;
    StringBuilder colour = new StringBuilder("#");
    for (int i = 0; i < 3; i++) {
      colour.append(
          String.format(Locale.ROOT, "%02x", Math.round(from[i] + (to[i] - from[i]) * f)));
    }
    return colour.toString();
  }

  /**
   * {@code text} cut to {@code max} characters with an ellipsis; the full text goes in a tooltip.
   */
  static String shorten(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }
}
