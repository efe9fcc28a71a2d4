package io.synthos.api.datasets;

import io.synthos.platform.http.ProblemType;
import io.synthos.proto.v1.DatasetChunk;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.util.Map;
import java.util.UUID;

/**
 * Sends a dataset's original bytes from the data service to an HTTP client, pausing the service's
 * stream whenever the client reads slower: memory holds a write queue, never the file.
 */
final class DatasetDownloads {

  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "csv", "text/csv; charset=utf-8",
          "tsv", "text/tab-separated-values; charset=utf-8",
          "jsonl", "application/x-ndjson");

  private final DataServiceClient data;

  DatasetDownloads(DataServiceClient data) {
    this.data = data;
  }

  Future<Void> send(JsonObject dataset, HttpServerResponse http) {
    UUID id = UUID.fromString(dataset.getString("id"));
    return data.info(id)
        .compose(
            info -> {
              if (!info.getStored()) {
                return Future.failedFuture(
                    ProblemType.NOT_UPLOADED.exception(
                        "The dataset's upload is not complete: it has no content yet."));
              }
              return data.download(id, 0)
                  .compose(
                      download -> {
                        headers(dataset, info.getSizeBytes(), http);
                        return pipe(download, http);
                      });
            });
  }

  private static Future<Void> pipe(DataServiceClient.Download download, HttpServerResponse http) {
    GrpcClientResponse<?, DatasetChunk> stream = download.chunks();
    Promise<Void> done = Promise.promise();
    stream.handler(
        chunk -> {
          http.write(Buffer.buffer(chunk.getData().toByteArray()));
          if (http.writeQueueFull()) {
            stream.pause();
            http.drainHandler(drained -> stream.resume());
          }
        });
    stream.exceptionHandler(done::tryFail);
    stream.endHandler(
        ended -> {
          if (stream.status() == null || stream.status() == GrpcStatus.OK) {
            http.end().onComplete(written -> done.tryComplete());
          } else {
            done.tryFail(new DataServiceException(stream.status(), stream.statusMessage()));
          }
        });
    http.closeHandler(
        closed -> {
          // The reader went away: the service closes the file once the call is cancelled.
          download.call().cancel();
          done.tryFail(new IllegalStateException("the client went away"));
        });
    stream.resume();
    return done.future();
  }

  private static void headers(JsonObject dataset, long size, HttpServerResponse http) {
    http.putHeader("Cache-Control", "no-store");
    http.putHeader(
            "Content-Type",
            CONTENT_TYPES.getOrDefault(dataset.getString("format"), "application/octet-stream"))
        .putHeader("Content-Length", String.valueOf(size))
        .putHeader(
            "Content-Disposition",
            "attachment; filename=\"" + fileName(dataset.getString("name")) + "\"");
    if (dataset.getString("sha256") != null) {
      http.putHeader("ETag", "\"" + dataset.getString("sha256") + "\"");
    }
  }

  /** The name as a safe file name: a label, never a path, and nothing that breaks the header. */
  static String fileName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._ -]", "_").replaceAll("^[. ]+", "");
    return safe.isEmpty() ? "dataset" : safe;
  }
}
