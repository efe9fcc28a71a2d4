package io.synthos.api.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.testing.TestResources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Renders validations and reads the page back with jsoup. {@code reports/completed.json} is a
 * validation whose report was written by the real ValidationReportBuilder and CollapseReportBuilder
 * (over seeded columns, one named {@code <script>alert(1)</script>} with a category {@code "><img
 * src=x onerror=alert(1)>}), so the page is held to the shape the services write.
 */
@DisplayName("Report page")
class ReportPageTest {

  private static final String EVIL_COLUMN = "<script>alert(1)</script>";
  private static final String EVIL_CATEGORY = "\"><img src=x onerror=alert(1)>";

  private final ReportPage page = new ReportPage();
  private JsonObject validation;

  @BeforeEach
  void loadFixture() throws IOException {
    validation = TestResources.json("/reports/completed.json");
  }

  @Test
  @DisplayName("the title names the validation and the datasets; the score and grade stand out")
  void titleAndScore() {
    Document html = render(validation);

    assertThat(html.title()).contains("val-7d1c2a9e");
    assertThat(html.selectFirst("h1").text()).isEqualTo("Validation val-7d1c2a9e");
    assertThat(html.selectFirst(".meta").text()).contains("ds-synthetic", "ds-real", "completed");
    assertThat(html.selectFirst(".overall .score").text()).isEqualTo("80.4");
    assertThat(html.selectFirst(".overall .grade").text()).isEqualTo("good");
    assertThat(html.select(".banner")).isEmpty();
  }

  @Test
  @DisplayName("each section shows its score and figures")
  void sections() {
    Document html = render(validation);

    Elements cards = html.select(".card.section");
    assertThat(cards.eachText())
        .hasSize(4)
        .satisfiesExactly(
            fidelity -> assertThat(fidelity).startsWith("Fidelity: 0.8").contains("column shapes"),
            privacy ->
                assertThat(privacy).startsWith("Privacy: ").contains("dcr › median synthetic"),
            utility -> assertThat(utility).startsWith("Utility: ").contains("macro_f1"),
            detection -> assertThat(detection).startsWith("Detection: ").contains("auc"));
    // The fidelity card lists figures, not the columns and pairs that the charts draw.
    assertThat(cards.first().text()).doesNotContain("columns 1");
  }

  @Test
  @DisplayName("one distribution chart per column, two bars per bin or category")
  void distributionCharts() {
    JsonArray shapes =
        validation
            .getJsonObject("report")
            .getJsonObject("fidelity")
            .getJsonObject("column_shapes")
            .getJsonArray("columns");

    Document html = render(validation);

    Elements cards = html.select(".card.column");
    assertThat(cards).hasSize(shapes.size());
    for (int i = 0; i < shapes.size(); i++) {
      JsonObject shape = shapes.getJsonObject(i);
      Element card = cards.get(i);
      int bins = shape.getJsonObject("distribution").getJsonArray("real").size();
      assertThat(card.selectFirst("h3").text()).isEqualTo(shape.getString("column"));
      assertThat(card.select("svg.distribution")).hasSize(1);
      assertThat(card.select("svg.distribution rect.bar.real")).hasSize(bins);
      assertThat(card.select("svg.distribution rect.bar.synthetic")).hasSize(bins);
    }
    assertThat(html.select("svg.distribution")).hasSize(shapes.size());
  }

  @Test
  @DisplayName("the pair-trend heat map has a cell for every ordered pair of columns")
  void heatMap() {
    Document html = render(validation);

    // Six compared columns: 6 × 6 cells, the diagonal included.
    assertThat(html.select("svg.heatmap")).hasSize(1);
    assertThat(html.select("svg.heatmap rect.cell")).hasSize(36);
    assertThat(html.select("#pairs .capped")).isEmpty();
  }

  @Test
  @DisplayName("collapse shows the risk, its reasons, the generations and a chart per signal")
  void collapse() {
    JsonObject collapse = validation.getJsonObject("report").getJsonObject("collapse");

    Document html = render(validation);

    assertThat(html.selectFirst("#collapse .risk").text()).isEqualTo("high");
    assertThat(html.select("#collapse .reasons li").eachText())
        .containsExactlyElementsOf(collapse.getJsonArray("reasons").getList());
    assertThat(html.select("#collapse table.generations tr")).hasSize(1 + 4);
    Elements trends = html.select("#collapse figure.trend");
    assertThat(trends).hasSize(collapse.getJsonObject("trends").size());
    for (Element trend : trends) {
      assertThat(trend.select("svg.trend")).hasSize(1);
      assertThat(trend.select("svg.trend circle")).hasSizeBetween(1, 4);
    }
    assertThat(trends.first().selectFirst("figcaption").text()).startsWith("precision (slope ");
  }

  @Test
  @DisplayName("skipped columns and sections are listed with their reasons")
  void skipped() {
    JsonObject report = validation.getJsonObject("report");
    report.remove("utility");
    report
        .getJsonArray("skipped")
        .add(new JsonObject().put("section", "utility").put("reason", "no target_column given"));

    Document html = render(validation);

    assertThat(html.select("#skipped li.skip").eachText())
        .containsExactly(
            "column note: a text or identifier column: its values are not compared",
            "column extra: only in the synthetic dataset",
            "section utility: no target_column given");
  }

  @Test
  @DisplayName("the page loads nothing from elsewhere and runs nothing")
  void selfContained() {
    Document html = render(validation);

    assertThat(html.select("script, link, img, iframe, object, embed, base")).isEmpty();
    List<String> references = new ArrayList<>();
    for (Element element : html.getAllElements()) {
      for (Attribute attribute : element.attributes()) {
        String key = attribute.getKey().toLowerCase();
        if (key.endsWith("src") || key.endsWith("href") || key.startsWith("on")) {
          references.add(element.tagName() + " " + attribute);
        }
      }
    }
    assertThat(references).isEmpty();
    assertThat(html.outerHtml()).doesNotContain("http://", "https://", "url(", "@import");
  }

  @Test
  @DisplayName("a column name and a category made of markup come out as text")
  void userStringsAreEscaped() {
    Document html = render(validation);

    assertThat(html.select("script, img")).isEmpty();
    assertThat(html.select("[onerror]")).isEmpty();
    Element card =
        html.select(".card.column").stream()
            .filter(c -> c.selectFirst("h3").text().equals(EVIL_COLUMN))
            .findFirst()
            .orElseThrow();
    assertThat(card.select("svg text").eachText()).contains(Svg.shorten(EVIL_CATEGORY, 20));
    assertThat(card.select("svg rect.real title").eachText())
        .contains(EVIL_CATEGORY + ": real " + Formats.percent(realShare(EVIL_CATEGORY)));
    assertThat(html.select("svg.heatmap text").eachText())
        .contains("6 " + Svg.shorten(EVIL_COLUMN, 22));
  }

  @Test
  @DisplayName("a running validation shows a banner and no report, even with a partial one")
  void running() {
    validation.put("status", "running").putNull("completed_at");

    Document html = render(validation);

    assertThat(html.selectFirst(".banner").text())
        .isEqualTo("This validation is running: the report appears here once it completes.");
    assertThat(html.select("main, svg, .overall, #sections")).isEmpty();
    assertThat(html.selectFirst(".meta .status").text()).isEqualTo("running");
  }

  @Test
  @DisplayName("a failed validation without a report says so")
  void failed() {
    validation.put("status", "failed").remove("report");

    Document html = render(validation);

    assertThat(html.selectFirst(".banner").text())
        .isEqualTo("This validation failed: it has no report.");
    assertThat(html.select("main")).isEmpty();
  }

  @Test
  @DisplayName("a report without fidelity and collapse sections still renders the others")
  void withoutFidelityOrCollapse() {
    JsonObject report = validation.getJsonObject("report");
    report.remove("fidelity");
    report.remove("collapse");

    Document html = render(validation);

    assertThat(html.select(".card.section h3").eachText())
        .extracting(text -> text.substring(0, text.indexOf(':')))
        .containsExactly("Privacy", "Utility", "Detection");
    assertThat(html.select("svg, #columns, #pairs, #collapse")).isEmpty();
    assertThat(html.selectFirst(".overall .score").text()).isEqualTo("80.4");
  }

  @Test
  @DisplayName("a quality section of any shape is listed as figures, and a null score reads —")
  void qualitySection() {
    JsonObject quality =
        new JsonObject()
            .put("missing_values", new JsonObject().put("share", 0.0125).put("worst", "age"))
            .put("duplicates", new JsonObject().put("rate", 0.02).put("rows", 7))
            .put("constant_columns", new JsonArray().add("<b>flag</b>").add("unit"))
            .put(
                "checks",
                new JsonArray().add(new JsonObject().put("check", "nulls").put("passed", true)));
    JsonObject report =
        new JsonObject()
            .putNull("score")
            .putNull("grade")
            .put("metrics_version", "1")
            .put("sampled", false)
            .put("quality", quality)
            .put("skipped", new JsonArray());
    validation.put("report", report).putNull("reference_dataset_id");

    Document html = render(validation);

    assertThat(html.selectFirst(".overall .score").text()).isEqualTo("—");
    assertThat(html.select(".overall .grade")).isEmpty();
    Element card = html.selectFirst(".card.section");
    assertThat(card.selectFirst("h3").text()).isEqualTo("Data quality: —");
    assertThat(card.select("tr").eachText())
        .containsExactly(
            "missing values › share 0.0125",
            "missing values › worst age",
            "duplicates › rate 0.02",
            "duplicates › rows 7",
            "constant columns <b>flag</b>, unit",
            "checks 1 check: nulls, passed: yes");
    assertThat(card.select("b")).isEmpty();
    assertThat(html.selectFirst(".meta").text()).contains("Reference dataset none");
  }

  @Test
  @DisplayName(
      "beyond 100 columns and a 40 × 40 heat map the page draws the first ones and says so")
  void caps() {
    JsonArray shapes = new JsonArray();
    JsonArray pairs = new JsonArray();
    for (int i = 0; i < 130; i++) {
      shapes.add(
          new JsonObject()
              .put("column", "c" + i)
              .put("type", "categorical")
              .put("metric", "TVComplement")
              .put("score", 0.9)
              .put(
                  "distribution",
                  new JsonObject()
                      .put("kind", "categories")
                      .put("categories", new JsonArray().add("x").add("y"))
                      .put("real", new JsonArray().add(0.5).add(0.5))
                      .put("synthetic", new JsonArray().add(0.4).add(0.6))
                      .put("other_real", 0.0)
                      .put("other_synthetic", 0.0)));
    }
    for (int i = 0; i < 50; i++) {
      for (int j = i + 1; j < 50; j++) {
        pairs.add(
            new JsonObject()
                .put("columns", new JsonArray().add("c" + i).add("c" + j))
                .put("metric", "ContingencySimilarity")
                .put("score", (i + j) / 100.0));
      }
    }
    JsonObject fidelity =
        new JsonObject()
            .put("score", 0.9)
            .put("column_shapes", new JsonObject().put("score", 0.9).put("columns", shapes))
            .put("column_pair_trends", new JsonObject().put("score", 0.5).put("pairs", pairs));
    validation.getJsonObject("report").put("fidelity", fidelity);

    Document html = render(validation);

    assertThat(html.select("svg.distribution")).hasSize(100);
    assertThat(html.selectFirst("#columns .capped").text())
        .isEqualTo("Showing the first 100 of 130 columns.");
    assertThat(html.select("svg.heatmap rect.cell")).hasSize(40 * 40);
    assertThat(html.selectFirst("#pairs .capped").text())
        .isEqualTo("Showing the first 40 of 50 columns.");
  }

  private Document render(JsonObject validation) {
    return Jsoup.parse(page.render(validation));
  }

  /** The real share of {@code category} in the fixture's distribution of the evil column. */
  private double realShare(String category) {
    for (Object item :
        validation
            .getJsonObject("report")
            .getJsonObject("fidelity")
            .getJsonObject("column_shapes")
            .getJsonArray("columns")) {
      JsonObject distribution = ((JsonObject) item).getJsonObject("distribution");
      int index =
          distribution.getJsonArray("categories", new JsonArray()).getList().indexOf(category);
      if (index >= 0) {
        return distribution.getJsonArray("real").getDouble(index);
      }
    }
    throw new AssertionError("no distribution has the category " + category);
  }
}
