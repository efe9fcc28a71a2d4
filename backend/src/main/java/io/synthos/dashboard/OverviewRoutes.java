package io.synthos.dashboard;

import io.synthos.auth.Principal;
import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.platform.NodeInfo;
import io.synthos.platform.http.ProblemException;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code GET /}, the page an operator keeps open (first paint by Thymeleaf, then live from {@code
 * /events}), and {@code POST /jobs/{id}/requeue}, which re-queues a dead job.
 */
final class OverviewRoutes {

  private final Overview overview;
  private final OrchestratorClient orchestrator;
  private final Templates templates;
  private final NodeInfo node;
  private final int apiPort;
  private final Supplier<String> history;

  OverviewRoutes(
      Overview overview,
      OrchestratorClient orchestrator,
      Templates templates,
      NodeInfo node,
      int apiPort,
      Supplier<String> history) {
    this.overview = overview;
    this.orchestrator = orchestrator;
    this.templates = templates;
    this.node = node;
    this.apiPort = apiPort;
    this.history = history;
  }

  void page(RoutingContext rc) {
    Principal admin = AdminSession.admin(rc);
    overview
        .load(admin, apiBase(rc), JobFilter.from(rc))
        .onSuccess(
            snapshot ->
                Pages.html(
                    rc,
                    200,
                    templates.render(
                        Templates.DASHBOARD,
                        model(
                            snapshot,
                            node,
                            AdminSession.email(rc),
                            SessionSecurity.csrfToken(rc),
                            rc.request().getParam("notice"),
                            history.get(),
                            apiBase(rc)))))
        .onFailure(rc::fail);
  }

  /** What {@code dashboard.html} reads. */
  static Map<String, Object> model(
      Overview.Snapshot snapshot,
      NodeInfo node,
      String admin,
      String csrf,
      String notice,
      String history,
      String apiBase) {
    Map<String, Object> model = new HashMap<>();
    model.put("snapshot", snapshot);
    model.put("node", node);
    model.put("admin", admin);
    model.put("csrf", csrf);
    model.put("csrfField", SessionSecurity.CSRF_FIELD);
    model.put("notice", notice);
    model.put("history", history);
    model.put("apiBase", apiBase);
    return model;
  }

  void requeue(RoutingContext rc) {
    UUID id;
    try {
      id = UUID.fromString(rc.pathParam("id"));
    } catch (IllegalArgumentException e) {
      back(rc, "That is not a job id.");
      return;
    }
    orchestrator
        .retryJob(AdminSession.admin(rc), id)
        .onSuccess(job -> back(rc, "Job " + id + " re-queued."))
        .onFailure(
            failure ->
                back(
                    rc,
                    "Job "
                        + id
                        + " was not re-queued: "
                        + (failure instanceof ProblemException problem
                            ? problem.problem().detail()
                            : "the orchestrator did not answer")));
  }

  /** Post/redirect/get: a reload never repeats the action. */
  private static void back(RoutingContext rc, String notice) {
    rc.response()
        .setStatusCode(303)
        .putHeader("Location", "/?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8))
        .end();
  }

  /** The API as the browser reaches it: this page's host, the API's port. */
  private String apiBase(RoutingContext rc) {
    HostAndPort authority = rc.request().authority();
    String host = authority == null ? "localhost" : authority.host();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return (SessionSecurity.overTls(rc) ? "https://" : "http://") + host + ":" + apiPort;
  }
}
