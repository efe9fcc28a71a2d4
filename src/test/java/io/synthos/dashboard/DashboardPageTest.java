package io.synthos.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.platform.NodeInfo;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The dashboard page's first paint")
class DashboardPageTest {

  private static final String API = "http://127.0.0.1:8000";
  private static final String DEAD = "11111111-2222-3333-4444-555555555555";
  private static final String PIPELINE = "99999999-8888-7777-6666-555555555555";

  private final Templates templates = new Templates();

  private Document render(Overview.Snapshot snapshot, String notice) {
    NodeInfo node =
        new NodeInfo("abcdef12-0000-0000-0000-000000000000", List.of("api", "dashboard"), "1.2.3");
    return Jsoup.parse(
        templates.render(
            Templates.DASHBOARD,
            OverviewRoutes.model(
                snapshot, node, "ops@example.com", "the-token", notice, "{}", API)));
  }

  private static JobRow job(String id, String state, String pipeline, String error) {
    return JobRow.of(
        new JsonObject()
            .put("id", id)
            .put("type", "validation.validate")
            .put("state", state)
            .put("priority", "standard")
            .put("pool", "validation")
            .put("pipeline_id", pipeline)
            .put("stage", pipeline == null ? null : "fidelity")
            .put("attempts", 3)
            .put("max_attempts", 3)
            .put("updated_at", "2026-11-27T08:00:00Z")
            .put("error", error),
        API);
  }

  @Test
  @DisplayName("offers a confirmed, CSRF-protected re-queue form for each dead job")
  void deadJobs() {
    JobRow dead = job(DEAD, "dead", null, "deadline exceeded");
    Document page =
        render(
            new Overview.Snapshot(List.of(), List.of(dead), List.of(dead), 0, false, 0, List.of()),
            null);

    var form = page.select("tr[data-dead-job-id=" + DEAD + "] form.requeue");
    assertThat(form.attr("method")).isEqualTo("post");
    assertThat(form.attr("action")).isEqualTo("/jobs/" + DEAD + "/requeue");
    assertThat(form.select("input[name=" + SessionSecurity.CSRF_FIELD + "]").attr("value"))
        .isEqualTo("the-token");
    assertThat(page.select("tr[data-dead-job-id=" + DEAD + "] .error").text())
        .isEqualTo("deadline exceeded");
    assertThat(page.select("#dead-count").text()).isEqualTo("1");
  }

  @Test
  @DisplayName("links a pipeline's job to its validation's report on the API port")
  void reportLink() {
    JobRow row = job(DEAD, "running", PIPELINE, null);
    Document page =
        render(
            new Overview.Snapshot(List.of(), List.of(row), List.of(), 120, true, 1, List.of()),
            null);

    assertThat(page.select("tr[data-job-id=" + DEAD + "] [data-field=pipeline] a").attr("href"))
        .isEqualTo(API + "/api/v1/validations/" + PIPELINE + "/report.html");
    assertThat(page.select("tr[data-job-id=" + DEAD + "]").attr("data-pipeline-id"))
        .isEqualTo(PIPELINE);
    assertThat(page.select("#queued").text()).isEqualTo("120+");
    assertThat(page.select("#node-roles").text()).isEqualTo("api, dashboard");
  }

  @Test
  @DisplayName("escapes everything it shows and names the parts it could not read")
  void escapes() {
    JobRow hostile = job(DEAD, "failed", null, "<script>alert(1)</script>");
    Document page =
        render(
            new Overview.Snapshot(
                List.of(), List.of(hostile), List.of(hostile), 0, false, 0, List.of("jobs: down")),
            "<img src=x onerror=alert(1)>");

    assertThat(page.select("script:not([src])")).isEmpty();
    assertThat(page.select("img")).isEmpty();
    assertThat(page.select("#notice").text()).isEqualTo("<img src=x onerror=alert(1)>");
    assertThat(page.select(".notice.error").text()).contains("Unavailable — jobs: down");
    assertThat(page.select("#banner").text()).contains("Disconnected");
  }
}
