package io.synthos.api.datasets;

import io.synthos.api.Replies;
import io.synthos.api.Requests;
import io.synthos.api.datasets.DatasetUploads.UploadRequest;
import io.synthos.auth.Principal;
import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.platform.http.PageRequest;
import io.synthos.platform.http.ProblemType;
import io.synthos.platform.http.SecurityHeaders;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import java.util.Set;
import java.util.UUID;

/**
 * The datasets resource over HTTP. Two operations stream their body and so skip the contract's body
 * validation: the upload URL's PUT and the one-shot POST; they check their input here.
 */
public final class DatasetRoutes {

  /** Operations whose body is streamed, never read into memory by the router. */
  public static final Set<String> STREAMING = Set.of("uploadDatasetContent", "createDataset");

  /** Those that need a caller (the upload URL's token is its own credential). */
  public static final Set<String> STREAMING_SECURED = Set.of("createDataset");

  private static final String UPLOADS_PATH = "/api/v1/datasets/uploads/";

  private final DatasetsResource resource;
  private final OrchestratorClient orchestrator;

  public DatasetRoutes(DatasetsResource resource, OrchestratorClient orchestrator) {
    this.resource = resource;
    this.orchestrator = orchestrator;
  }

  public void mount(RouterBuilder builder) {
    builder.getRoute("initiateDatasetUpload").addHandler(this::initiate);
    builder.getRoute("uploadDatasetContent").addHandler(this::upload);
    builder.getRoute("getDatasetUploadProgress").addHandler(this::progress);
    builder.getRoute("completeDatasetUpload").addHandler(this::complete);
    builder.getRoute("createDataset").addHandler(this::createOneShot);
    builder.getRoute("listDatasets").addHandler(this::list);
    builder.getRoute("getDataset").addHandler(this::get);
    builder.getRoute("getDatasetContent").addHandler(this::content);
    builder.getRoute("deleteDataset").addHandler(this::delete);
    builder.getRoute("updateDatasetSchema").addHandler(this::updateSchema);
  }

  private void initiate(RoutingContext rc) {
    JsonObject body = Requests.body(rc);
    UploadRequest request;
    try {
      request = UploadParameters.fromJson(body);
    } catch (IllegalArgumentException e) {
      rc.fail(badRequest(e.getMessage()));
      return;
    }
    resource
        .uploads()
        .initiate(Requests.caller(rc), request)
        .onSuccess(
            initiated -> {
              String id = initiated.dataset().getString("id");
              rc.response().putHeader("Location", "/api/v1/datasets/" + id);
              Replies.owned(
                  rc,
                  201,
                  new JsonObject()
                      .put("dataset_id", id)
                      .put("upload_url", origin(rc.request()) + UPLOADS_PATH + initiated.token())
                      .put("expires_at", initiated.expiresAt().toString())
                      .put("max_bytes", resource.uploads().maxBytes()));
            })
        .onFailure(failure -> fail(rc, failure));
  }

  /** PUT {upload_url}: the request is paused (see the API router) until the offset is checked. */
  private void upload(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    String token = rc.pathParam("token");
    long offset;
    try {
      offset = ContentRange.startOf(request);
    } catch (IllegalArgumentException e) {
      failStreaming(rc, badRequest(e.getMessage()));
      return;
    }
    resource
        .uploads()
        .opened(token)
        .compose(
            dataset -> {
              continueIfExpected(rc);
              return resource
                  .uploads()
                  .receive(dataset, offset, request)
                  .map(received -> progressOf(dataset, received));
            })
        .onSuccess(progress -> answerProgress(rc, progress))
        .onFailure(failure -> failStreaming(rc, failure));
  }

  private void progress(RoutingContext rc) {
    String token = Requests.path(rc, "token");
    resource
        .uploads()
        .opened(token)
        .compose(
            dataset ->
                resource
                    .uploads()
                    .received(UUID.fromString(dataset.getString("id")))
                    .map(received -> progressOf(dataset, received)))
        .onSuccess(progress -> answerProgress(rc, progress))
        .onFailure(failure -> fail(rc, failure));
  }

  private void complete(RoutingContext rc) {
    Principal caller = Requests.caller(rc);
    UUID id = id(rc);
    accepted(rc, resource.uploads().complete(id, scope(caller)));
  }

  /** POST /datasets: the caller is known (the body waited, paused); now it streams in one go. */
  private void createOneShot(RoutingContext rc) {
    Principal caller = Requests.caller(rc);
    OneShotBody.open(rc)
        .compose(
            body -> {
              continueIfExpected(rc);
              return resource.uploads().oneShot(caller, body.request(), body.stream());
            })
        .onSuccess(dataset -> answerAccepted(rc, dataset))
        .onFailure(failure -> failStreaming(rc, failure));
  }

  /**
   * Answers a streaming request that failed before its body was read: the connection closes after
   * the answer, so no unread body is left in it and a refused large upload is not read to its end.
   */
  private static void failStreaming(RoutingContext rc, Throwable failure) {
    if (!rc.request().isEnded()) {
      rc.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
    fail(rc, failure);
  }

  /**
   * Fails the request; a data-service refusal no step explained becomes a 502 naming it, never a
   * bare 500.
   */
  private static void fail(RoutingContext rc, Throwable failure) {
    rc.fail(
        failure instanceof DataServiceException refused
            ? ProblemType.DATA_SERVICE_REFUSED.exception(
                "The data service refused the request ("
                    + refused.status()
                    + "): "
                    + refused.getMessage())
            : failure);
  }

  private void list(RoutingContext rc) {
    Principal caller = Requests.caller(rc);
    RequestParameter status = Requests.query(rc, "status");
    RequestParameter name = Requests.query(rc, "name");
    PageRequest page = Requests.page(rc);
    resource
        .store()
        .list(
            scope(caller),
            status == null ? null : status.getString(),
            name == null ? null : name.getString(),
            page)
        .onSuccess(datasets -> Replies.owned(rc, 200, datasets))
        .onFailure(failure -> fail(rc, failure));
  }

  private void get(RoutingContext rc) {
    Principal caller = Requests.caller(rc);
    UUID id = id(rc);
    resource
        .ingests()
        .refresh(id, scope(caller))
        .compose(refreshed -> resource.store().findWithProfile(id, scope(caller)))
        .compose(found -> found.map(Future::succeededFuture).orElseGet(DatasetRoutes::notFound))
        .onSuccess(dataset -> Replies.owned(rc, 200, dataset))
        .onFailure(failure -> fail(rc, failure));
  }

  private void content(RoutingContext rc) {
    Principal caller = Requests.caller(rc);
    resource
        .store()
        .find(id(rc), scope(caller))
        .compose(found -> found.map(Future::succeededFuture).orElseGet(DatasetRoutes::notFound))
        .compose(dataset -> resource.downloads().send(dataset, rc.response()))
        .onFailure(
            failure -> {
              if (rc.response().headWritten()) {
                // The bytes broke off mid-way: the client must not take a short file for whole.
                rc.response().reset();
              } else {
                fail(rc, failure);
              }
            });
  }

  private void delete(RoutingContext rc) {
    Principal caller = Requests.caller(rc);
    UUID id = id(rc);
    resource
        .store()
        .find(id, scope(caller))
        .compose(found -> found.map(Future::succeededFuture).orElseGet(DatasetRoutes::notFound))
        .compose(
            dataset -> {
              if ("processing".equals(dataset.getString("status"))) {
                return Future.failedFuture(
                    ProblemType.DATASET_IN_USE.exception(
                        "The dataset is being ingested; delete it once it is ready or failed."));
              }
              return unused(id, "delete it");
            })
        .compose(free -> resource.deletions().delete(id, scope(caller)))
        .onSuccess(
            deleted -> {
              SecurityHeaders.noStore(rc);
              rc.response().setStatusCode(204).end();
            })
        .onFailure(failure -> fail(rc, failure));
  }

  /** New column types re-ingest the dataset: refused while a validation or job reads it. */
  private void updateSchema(RoutingContext rc) {
    Principal caller = Requests.caller(rc);
    UUID id = id(rc);
    JsonObject changes = Requests.body(rc).getJsonObject("column_types");
    accepted(
        rc,
        resource
            .store()
            .find(id, scope(caller))
            .compose(found -> found.map(Future::succeededFuture).orElseGet(DatasetRoutes::notFound))
            .compose(dataset -> unused(id, "change its column types"))
            .compose(free -> resource.schemas().update(id, scope(caller), changes)));
  }

  /**
   * Succeeds when no running pipeline or active job reads the dataset; otherwise a 409 naming them,
   * with what the caller can do ({@code then}) once they end.
   */
  private Future<Void> unused(UUID id, String then) {
    return orchestrator
        .datasetUsers(id)
        .compose(
            users ->
                users.getBoolean("in_use", false)
                    ? Future.failedFuture(
                        ProblemType.DATASET_IN_USE.exception(
                            "A running validation or job uses the dataset ("
                                + users.getJsonArray("by").encode()
                                + "); "
                                + then
                                + " once they finish or are cancelled."))
                    : Future.succeededFuture());
  }

  private void accepted(RoutingContext rc, Future<JsonObject> dataset) {
    dataset.onSuccess(body -> answerAccepted(rc, body)).onFailure(failure -> fail(rc, failure));
  }

  private static void answerAccepted(RoutingContext rc, JsonObject dataset) {
    Replies.accepted(rc, "/api/v1/datasets/" + dataset.getString("id"), dataset);
  }

  private static JsonObject progressOf(JsonObject dataset, long received) {
    return new JsonObject()
        .put("dataset_id", dataset.getString("id"))
        .put("received_bytes", received)
        .put("expires_at", dataset.getString("upload_expires_at"));
  }

  private static void answerProgress(RoutingContext rc, JsonObject progress) {
    rc.response().putHeader("Upload-Offset", String.valueOf(progress.getLong("received_bytes")));
    Replies.owned(rc, 200, progress);
  }

  /** A client that waits for "100 Continue" before sending a large body gets it now. */
  private static void continueIfExpected(RoutingContext rc) {
    String expect = rc.request().getHeader(HttpHeaders.EXPECT);
    if (expect != null && expect.equalsIgnoreCase("100-continue")) {
      rc.response().writeContinue();
    }
  }

  private static String origin(HttpServerRequest request) {
    return request.scheme() + "://" + request.authority();
  }

  private static UUID id(RoutingContext rc) {
    return UUID.fromString(Requests.path(rc, "id"));
  }

  /** Whose datasets the caller may see: their own, or everyone's (null) for an admin. */
  static UUID scope(Principal caller) {
    return caller.isAdmin() ? null : caller.userId();
  }

  static <T> Future<T> notFound() {
    return Future.failedFuture(
        ProblemType.NOT_FOUND.exception("No dataset with this id is yours to see."));
  }

  static Throwable badRequest(String detail) {
    return ProblemType.VALIDATION_FAILED.exception(detail);
  }
}
