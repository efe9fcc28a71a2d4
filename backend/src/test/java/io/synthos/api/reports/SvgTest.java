package io.synthos.api.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Svg")
class SvgTest {

  private static final String MARKUP = "\"'><img src=x onerror=alert(1)>&amp;</svg><script>";

  @Test
  @DisplayName("escape replaces the five characters that can end a text or an attribute")
  void escape() {
    assertThat(Svg.escape("a<b>&\"c'")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;");
    assertThat(Svg.escape("plain text, ünïcode ✓")).isEqualTo("plain text, ünïcode ✓");
    assertThat(Svg.escape("")).isEmpty();
  }

  @Test
  @DisplayName(
      "markup in any text or attribute of a chart comes back as that text, never as elements")
  void renderEscapesEverything() {
    Chart chart =
        new Chart(
            MARKUP,
            100,
            50,
            MARKUP,
            List.of(new Chart.Bar(MARKUP, MARKUP, "1", "2", MARKUP, MARKUP, MARKUP)),
            List.of(new Chart.Line(MARKUP, MARKUP)),
            List.of(new Chart.Dot(MARKUP, MARKUP, MARKUP)),
            List.of(new Chart.Label(MARKUP, MARKUP, MARKUP, MARKUP)));

    Document html = Jsoup.parseBodyFragment(Svg.render(chart));

    assertThat(html.body().children()).hasSize(1);
    Element svg = html.body().child(0);
    assertThat(svg.tagName()).isEqualTo("svg");
    assertThat(html.select("img, script")).isEmpty();
    assertThat(html.select("[onerror], [src]")).isEmpty();
    assertThat(svg.children().stream().map(Element::tagName))
        .containsExactly("title", "rect", "polyline", "circle", "text");
    assertThat(svg.selectFirst("text").text()).isEqualTo(MARKUP);
    assertThat(svg.selectFirst("rect").attr("fill")).isEqualTo(MARKUP);
    assertThat(svg.selectFirst("rect title").text()).isEqualTo(MARKUP);
    assertThat(svg.attr("class")).isEqualTo("chart " + MARKUP);
  }

  @Test
  @DisplayName("coordinates have at most one decimal and no locale")
  void numbers() {
    assertThat(Svg.number(12)).isEqualTo("12");
    assertThat(Svg.number(3.14159)).isEqualTo("3.1");
    assertThat(Svg.number(-0.46)).isEqualTo("-0.5");
    assertThat(Svg.number(-0.04)).isEqualTo("0");
    assertThat(Svg.number(99.96)).isEqualTo("100");
  }

  @Test
  @DisplayName("scores colour red at 0, yellow at ½ and green at 1, clamped outside")
  void scoreColours() {
    assertThat(Svg.scoreColour(0)).isEqualTo("#d73027");
    assertThat(Svg.scoreColour(0.5)).isEqualTo("#fee08b");
    assertThat(Svg.scoreColour(1)).isEqualTo("#1a9850");
    assertThat(Svg.scoreColour(-3)).isEqualTo(Svg.scoreColour(0));
    assertThat(Svg.scoreColour(7)).isEqualTo(Svg.scoreColour(1));
  }

  @Test
  @DisplayName("long labels are cut to the given length with an ellipsis")
  void shorten() {
    assertThat(Svg.shorten("short", 10)).isEqualTo("short");
    assertThat(Svg.shorten("a rather long column name", 10)).isEqualTo("a rather …").hasSize(10);
  }
}
