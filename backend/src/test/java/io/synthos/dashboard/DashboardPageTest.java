package io.synthos.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.platform.NodeInfo;
import io.vertx.core.json.JsonArray;
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

  private static Overview.Snapshot snapshot(
      List<JobRow> latest, List<JobRow> dead, QueueSummary queue, List<String> problems) {
    return new Overview.Snapshot(
        List.of(), latest, dead, queue, List.of(), JobFilter.of(null, null), problems);
  }

  /** Queue statistics as the orchestrator answers them: standard-priority jobs only. */
  private static QueueSummary queue(int queued, int running, int dead) {
    JsonObject counts = new JsonObject();
    counts.put(
        "queued", new JsonObject().put("express", 0).put("standard", queued).put("batch", 0));
    counts.put("running", new JsonObject().put("standard", running));
    counts.put("dead", new JsonObject().put("standard", dead));
    return QueueSummary.of(new JsonObject().put("counts", counts), API);
  }

  @Test
  @DisplayName("offers a confirmed, CSRF-protected re-queue form for each dead job")
  void deadJobs() {
    JobRow dead = job(DEAD, "dead", null, "deadline exceeded");
    Document page = render(snapshot(List.of(dead), List.of(dead), queue(0, 0, 1), List.of()), null);

    var form = page.select("tr[data-dead-job-id=" + DEAD + "] form.requeue");
    assertThat(form.attr("method")).isEqualTo("post");
    assertThat(form.attr("action")).isEqualTo("/jobs/" + DEAD + "/requeue");
    assertThat(form.select("input[name=" + SessionSecurity.CSRF_FIELD + "]").attr("value"))
        .isEqualTo("the-token");
    assertThat(page.select("tr[data-dead-job-id=" + DEAD + "] .error").text())
        .isEqualTo("deadline exceeded");
    assertThat(page.select("#queue-counts tr[data-state=dead] [data-priority=all]").text())
        .isEqualTo("1");
  }

  @Test
  @DisplayName("links a pipeline's job to its validation's report on the API port")
  void reportLink() {
    JobRow row = job(DEAD, "running", PIPELINE, null);
    Document page = render(snapshot(List.of(row), List.of(), queue(120, 1, 0), List.of()), null);

    assertThat(page.select("tr[data-job-id=" + DEAD + "] [data-field=pipeline] a").attr("href"))
        .isEqualTo(API + "/api/v1/validations/" + PIPELINE + "/report.html");
    assertThat(page.select("tr[data-job-id=" + DEAD + "]").attr("data-pipeline-id"))
        .isEqualTo(PIPELINE);
    assertThat(page.select("#queue-counts tr[data-state=queued] [data-priority=all]").text())
        .isEqualTo("120");
    assertThat(page.select("#node-roles").text()).isEqualTo("api, dashboard");
  }

  @Test
  @DisplayName("escapes everything it shows and names the parts it could not read")
  void escapes() {
    JobRow hostile = job(DEAD, "failed", null, "<script>alert(1)</script>");
    Document page =
        render(
            snapshot(List.of(hostile), List.of(hostile), null, List.of("jobs: down")),
            "<img src=x onerror=alert(1)>");

    assertThat(page.select("script:not([src])")).isEmpty();
    assertThat(page.select("img")).isEmpty();
    assertThat(page.select("#notice").text()).isEqualTo("<img src=x onerror=alert(1)>");
    assertThat(page.select(".notice.error").text()).contains("Unavailable — jobs: down");
    assertThat(page.select("#banner").text()).contains("Disconnected");
  }

  @Test
  @DisplayName("shows queue counts by priority, throughput, the oldest waiting job and failures")
  void queue() {
    JsonObject counts =
        new JsonObject()
            .put("queued", new JsonObject().put("express", 2).put("standard", 5).put("batch", 7))
            .put("running", new JsonObject().put("express", 1));
    JsonObject stats =
        new JsonObject()
            .put("counts", counts)
            .put("oldest_queued_at", "2026-11-27T08:00:00Z")
            .put("oldest_queued_seconds", 42)
            .put(
                "finished_last_minute",
                new JsonObject().put("finished", 30).put("failed", 3).put("per_second", 0.5))
            .put(
                "recent_failures",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("job_id", DEAD)
                            .put("type", "validation.validate")
                            .put("state", "failed")
                            .put("pipeline_id", PIPELINE)
                            .put("attempts", 1)
                            .put("max_attempts", 3)
                            .put("error", "<b>service unavailable</b>")
                            .put("at", "2026-11-27T08:01:00Z")));
    Document page =
        render(snapshot(List.of(), List.of(), QueueSummary.of(stats, API), List.of()), null);

    var queued = page.select("#queue-counts tr[data-state=queued]");
    assertThat(queued.select("[data-priority=express]").text()).isEqualTo("2");
    assertThat(queued.select("[data-priority=standard]").text()).isEqualTo("5");
    assertThat(queued.select("[data-priority=batch]").text()).isEqualTo("7");
    assertThat(queued.select("[data-priority=all]").text()).isEqualTo("14");
    assertThat(page.select("#queue-counts tr[data-state=running] [data-priority=all]").text())
        .isEqualTo("1");
    assertThat(page.select("#throughput").text()).isEqualTo("0.50 jobs/s");
    assertThat(page.select("#finished").text())
        .isEqualTo("30 finished in the last minute, 3 failed");
    assertThat(page.select("#oldest").text()).startsWith("42 s");
    var failure = page.select("tr[data-failure-job-id=" + DEAD + "]");
    assertThat(failure.select(".error").text()).isEqualTo("<b>service unavailable</b>");
    assertThat(failure.select("b")).isEmpty();
    assertThat(failure.select("a").attr("href"))
        .isEqualTo(API + "/api/v1/validations/" + PIPELINE + "/report.html");
    assertThat(page.select("#errors-empty")).isEmpty();
  }

  @Test
  @DisplayName("lists each node with its roles, instances, state and open breakers")
  void cluster() {
    NodeRow node =
        NodeRow.of(
            new JsonObject()
                .put("node_id", "12345678-aaaa-bbbb-cccc-dddddddddddd")
                .put("roles", new JsonArray().add("api").add("orchestrator"))
                .put("instances", new JsonObject().put("api", 4).put("orchestrator", 1))
                .put("state", "lost")
                .put("since", "2026-11-27T08:00:00Z")
                .put("breakers", new JsonObject().put("validation", "OPEN").put("data", "CLOSED")));
    Document page =
        render(
            new Overview.Snapshot(
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of(node),
                JobFilter.of("nonsense", "validation.validate"),
                List.of()),
            null);

    var row = page.select("tr[data-node-id=12345678-aaaa-bbbb-cccc-dddddddddddd]");
    assertThat(row.select("td").get(1).text()).isEqualTo("api ×4, orchestrator");
    assertThat(row.select("[data-field=state]").text()).isEqualTo("lost");
    assertThat(row.select(".breakers .state-open").text()).isEqualTo("validation open");
    assertThat(row.select(".breakers .state-closed").text()).isEqualTo("data closed");
    assertThat(page.select(".notice.error").text()).contains("state 'nonsense' is not one of");
    assertThat(page.select("#filter-type").attr("value")).isEqualTo("validation.validate");
    assertThat(page.select("#filter-state option[selected]")).isEmpty();
  }
}
