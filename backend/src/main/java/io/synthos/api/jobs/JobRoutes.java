package io.synthos.api.jobs;

import io.synthos.api.Replies;
import io.synthos.api.Requests;
import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.platform.http.PageRequest;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import java.util.UUID;

/**
 * The jobs resource: submit, list, read, cancel and retry jobs. It owns no table: every route asks
 * the orchestrator, which scopes each call to what the caller may see.
 */
public final class JobRoutes {

  /** The largest encoded payload a job may carry: payloads are stored with the job's row. */
  static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  // The contract documents these defaults; vertx-openapi does not fill them into bodies.
  private static final String DEFAULT_PRIORITY = "standard";
  private static final int DEFAULT_MAX_ATTEMPTS = 3;

  private static final String[] FILTERS = {"state", "type", "pipeline_id"};

  private final OrchestratorClient orchestrator;

  public JobRoutes(OrchestratorClient orchestrator) {
    this.orchestrator = orchestrator;
  }

  public void mount(RouterBuilder builder) {
    builder.getRoute("submitJob").addHandler(this::submit);
    builder.getRoute("listJobs").addHandler(this::list);
    builder.getRoute("getJob").addHandler(this::get);
    builder.getRoute("cancelJob").addHandler(this::cancel);
    builder.getRoute("retryJob").addHandler(this::retry);
  }

  private void submit(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    int size = body.getJsonObject("payload").toBuffer().length();
    if (size > MAX_PAYLOAD_BYTES) {
      rc.fail(payloadTooLarge(size));
      return;
    }
    JsonObject request =
        body.copy()
            .put("priority", body.getString("priority", DEFAULT_PRIORITY))
            .put("max_attempts", body.getInteger("max_attempts", DEFAULT_MAX_ATTEMPTS));
    orchestrator
        .submitJob(Requests.caller(rc), request)
        .onSuccess(job -> Replies.accepted(rc, "/api/v1/jobs/" + job.getString("id"), job))
        .onFailure(rc::fail);
  }

  private void list(RoutingContext rc) {
    JsonObject filters = new JsonObject();
    for (String name : FILTERS) {
      RequestParameter value = Requests.query(rc, name);
      if (value != null) {
        filters.put(name, value.getString());
      }
    }
    orchestrator
        .jobs(Requests.caller(rc), filters, page(rc))
        .onSuccess(jobs -> Replies.owned(rc, 200, jobs))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    answer(rc, orchestrator.job(Requests.caller(rc), id(rc)));
  }

  private void cancel(RoutingContext rc) {
    answer(rc, orchestrator.cancelJob(Requests.caller(rc), id(rc)));
  }

  private void retry(RoutingContext rc) {
    answer(rc, orchestrator.retryJob(Requests.caller(rc), id(rc)));
  }

  private static UUID id(RoutingContext rc) {
    return UUID.fromString(Requests.path(rc, "id"));
  }

  private static PageRequest page(RoutingContext rc) {
    RequestParameter limit = Requests.query(rc, "limit");
    RequestParameter cursor = Requests.query(rc, "cursor");
    return PageRequest.of(
        limit == null ? null : limit.getInteger(), cursor == null ? null : cursor.getString());
  }

  private static Throwable payloadTooLarge(int size) {
    return ProblemType.PAYLOAD_TOO_LARGE.exception(
        "The job payload is "
            + size
            + " bytes once encoded; at most "
            + MAX_PAYLOAD_BYTES
            + " are accepted.");
  }

  private static void answer(RoutingContext rc, Future<JsonObject> job) {
    job.onSuccess(body -> Replies.owned(rc, 200, body)).onFailure(rc::fail);
  }
}
