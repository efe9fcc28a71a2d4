package io.synthos.api.datasets;

import io.synthos.api.datasets.DatasetUploads.UploadRequest;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The body of a one-shot upload: the raw request body, or the {@code file} part of a multipart
 * form, paused until the upload reads it, with the parameters from the query.
 */
record OneShotBody(UploadRequest request, ReadStream<Buffer> stream) {

  private static final String MULTIPART = "multipart/form-data";

  static Future<OneShotBody> open(RoutingContext rc) {
    HttpServerRequest http = rc.request();
    String type = http.getHeader("Content-Type");
    String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (lower.startsWith("multipart/") && !lower.startsWith(MULTIPART)) {
      return Future.failedFuture(
          ProblemType.UNSUPPORTED_MEDIA_TYPE.exception(
              "Send the file as the raw body, or as the 'file' part of multipart/form-data."));
    }
    try {
      if (!lower.startsWith(MULTIPART)) {
        return Future.succeededFuture(
            new OneShotBody(UploadParameters.fromQuery(rc.queryParams(), null), http));
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(DatasetRoutes.badRequest(e.getMessage()));
    }
    return filePart(rc);
  }

  /** Parses the form until its {@code file} part, which it hands over paused. */
  private static Future<OneShotBody> filePart(RoutingContext rc) {
    HttpServerRequest http = rc.request();
    Promise<OneShotBody> found = Promise.promise();
    http.setExpectMultipart(true);
    http.uploadHandler(
        upload -> {
          if (!"file".equals(upload.name()) || found.future().isComplete()) {
            return;
          }
          upload.pause();
          try {
            found.complete(
                new OneShotBody(
                    UploadParameters.fromQuery(rc.queryParams(), upload.filename()), upload));
          } catch (IllegalArgumentException e) {
            found.fail(DatasetRoutes.badRequest(e.getMessage()));
          }
        });
    http.endHandler(
        ended ->
            found.tryFail(DatasetRoutes.badRequest("the multipart form has no part named 'file'")));
    http.exceptionHandler(found::tryFail);
    http.resume();
    return found.future();
  }
}
