package io.synthos.api.validations;

import io.synthos.api.Replies;
import io.synthos.api.Requests;
import io.synthos.api.reports.ReportPage;
import io.synthos.auth.Principal;
import io.synthos.platform.http.PageRequest;
import io.synthos.platform.http.ProblemException;
import io.synthos.platform.http.ProblemType;
import io.synthos.platform.http.SecurityHeaders;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import java.util.Optional;
import java.util.UUID;

/**
 * The validations resource's routes: ask for a validation, follow it (JSON, server-sent events),
 * list, cancel. A validation is the caller's (or, for an admin, anyone's); another's id is a 404.
 */
public final class ValidationRoutes {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final ValidationsResource resource;
  private final ValidationEvents events;
  private final ReportPage page = new ReportPage();

  public ValidationRoutes(ValidationsResource resource) {
    this.resource = resource;
    this.events = new ValidationEvents(resource.vertx(), id -> resource.store().find(id, null));
  }

  public void mount(RouterBuilder builder) {
    builder.getRoute("createValidation").addHandler(this::create);
    builder.getRoute("listValidations").addHandler(this::list);
    builder.getRoute("getValidation").addHandler(this::get);
    builder.getRoute("cancelValidation").addHandler(this::cancel);
    builder.getRoute("streamValidationEvents").addHandler(this::events);
    builder.getRoute("getValidationReportPage").addHandler(this::reportPage);
  }

  /**
   * Asks the orchestrator for the validation's row, its pipeline under the validation's id and the
   * first job, in one transaction; the orchestrator checks the datasets there, as for every
   * pipeline, so a refusal leaves nothing behind. The same body sent again with the same
   * Idempotency-Key answers the same validation.
   */
  private void create(RoutingContext rc) {
    Principal caller = Requests.caller(rc);
    ValidationRequest request = ValidationRequest.of(Requests.body(rc));
    String key = rc.request().getHeader(IDEMPOTENCY_KEY);
    (key == null
            ? Future.<ValidationStore.Inserted>succeededFuture(null)
            : resource.store().byKey(caller.userId(), key))
        .compose(
            earlier ->
                earlier != null
                    ? ValidationRecords.replay(earlier, request)
                    : ValidationRecords.ask(
                        resource.orchestrator(), caller, UUID.randomUUID(), request, key))
        .onSuccess(
            validation ->
                Replies.accepted(
                    rc, "/api/v1/validations/" + validation.getString("validation_id"), validation))
        .onFailure(rc::fail);
  }

  private void get(RoutingContext rc) {
    resource
        .store()
        .findWithReport(id(rc), scope(Requests.caller(rc)))
        .compose(ValidationRoutes::orNotFound)
        .onSuccess(validation -> Replies.owned(rc, 200, validation))
        .onFailure(rc::fail);
  }

  private void list(RoutingContext rc) {
    RequestParameter status = Requests.query(rc, "status");
    RequestParameter dataset = Requests.query(rc, "dataset_id");
    PageRequest page = Requests.page(rc);
    resource
        .store()
        .list(
            scope(Requests.caller(rc)),
            status == null ? null : status.getString(),
            dataset == null ? null : UUID.fromString(dataset.getString()),
            page)
        .onSuccess(validations -> Replies.owned(rc, 200, validations))
        .onFailure(rc::fail);
  }

  /** Stops the pipeline; a validation that already ended is a 409. */
  private void cancel(RoutingContext rc) {
    Principal caller = Requests.caller(rc);
    UUID id = id(rc);
    resource
        .store()
        .find(id, scope(caller))
        .compose(ValidationRoutes::orNotFound)
        .compose(
            validation ->
                resource
                    .orchestrator()
                    .cancelPipeline(caller, id)
                    .recover(ValidationRoutes::alreadyEnded)
                    .compose(
                        cancelled ->
                            resource
                                .tracker()
                                .cancelled(
                                    id,
                                    "cancelled by "
                                        + (caller.isAdmin() ? "an admin" : "its owner"))))
        .compose(changed -> resource.store().find(id, scope(caller)))
        .compose(ValidationRoutes::orNotFound)
        .onSuccess(validation -> Replies.owned(rc, 200, validation))
        .onFailure(rc::fail);
  }

  /**
   * The report as a page a person reads: rendered on a worker (the template is read on first use),
   * served with a policy that lets its inline styles through and nothing else.
   */
  private void reportPage(RoutingContext rc) {
    resource
        .store()
        .findWithReport(id(rc), scope(Requests.caller(rc)))
        .compose(ValidationRoutes::orNotFound)
        .compose(
            validation -> resource.vertx().executeBlocking(() -> page.render(validation), false))
        .onSuccess(
            html -> {
              SecurityHeaders.noStore(rc);
              rc.response()
                  .putHeader("Content-Type", "text/html; charset=utf-8")
                  .putHeader(
                      "Content-Security-Policy",
                      "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
                          + " frame-ancestors 'none'")
                  .end(html);
            })
        .onFailure(rc::fail);
  }

  /** The pipeline's 409 (it has ended) in the validation's words; anything else as it came. */
  private static Future<JsonObject> alreadyEnded(Throwable failure) {
    if (failure instanceof ProblemException problem && problem.problem().status() == 409) {
      return Future.failedFuture(
          ProblemType.VALIDATION_STATE_CONFLICT.exception(
              "The validation has already ended; only a queued or running one can be cancelled."));
    }
    return Future.failedFuture(failure);
  }

  /** Ends the open event streams; their clients reconnect and resume. */
  public void endStreams() {
    events.endAll();
  }

  private void events(RoutingContext rc) {
    UUID id = id(rc);
    long lastEventId = lastEventId(rc);
    resource
        .store()
        .find(id, scope(Requests.caller(rc)))
        .compose(ValidationRoutes::orNotFound)
        .onSuccess(allowed -> events.stream(id, lastEventId, rc))
        .onFailure(rc::fail);
  }

  /** The last event the client saw; an id Synthos did not send counts as none. */
  private static long lastEventId(RoutingContext rc) {
    String header = rc.request().getHeader("Last-Event-ID");
    try {
      return header == null ? 0 : Math.max(0, Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static UUID id(RoutingContext rc) {
    return UUID.fromString(Requests.path(rc, "id"));
  }

  /** Whose validations the caller may see: their own, or everyone's (null) for an admin. */
  static UUID scope(Principal caller) {
    return caller.isAdmin() ? null : caller.userId();
  }

  static Future<JsonObject> orNotFound(Optional<JsonObject> found) {
    return found
        .map(Future::succeededFuture)
        .orElseGet(
            () ->
                Future.failedFuture(
                    ProblemType.NOT_FOUND.exception(
                        "No validation with this id is yours to see.")));
  }
}
