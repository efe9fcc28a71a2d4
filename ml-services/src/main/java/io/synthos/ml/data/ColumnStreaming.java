package io.synthos.ml.data;

import io.synthos.ml.common.ClientGone;
import io.synthos.ml.data.columns.ColumnCursor;
import io.synthos.proto.v1.ColumnBatch;
import io.synthos.proto.v1.ReadColumnsRequest;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import io.vertx.grpc.server.StatusException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * ReadColumns: reads batches on the worker pool one at a time and writes each only when the
 * response can take it, so a slow client holds back the file reads rather than filling memory.
 */
final class ColumnStreaming {

  private final DatasetStorage storage;
  private final Supplier<WorkerExecutor> workers;

  ColumnStreaming(DatasetStorage storage, Supplier<WorkerExecutor> workers) {
    this.storage = storage;
    this.workers = workers;
  }

  void read(ReadColumnsRequest request, GrpcServerResponse<?, ColumnBatch> response) {
    if (request.getSampleRows() < 0) {
      response.fail(
          Failures.exception(GrpcStatus.INVALID_ARGUMENT, "sample_rows must be 0 (all) or more"));
      return;
    }
    DatasetIds.parse(request.getDatasetId())
        .compose(id -> open(id, request))
        .onSuccess(cursor -> new Pump(cursor, response).next())
        .onFailure(response::fail);
  }

  private Future<ColumnCursor> open(UUID id, ReadColumnsRequest request) {
    return workers
        .get()
        .executeBlocking(
            () -> {
              Path ingest =
                  storage
                      .currentIngest(id)
                      .orElseThrow(
                          () ->
                              new StatusException(
                                  GrpcStatus.NOT_FOUND,
                                  "dataset "
                                      + id
                                      + " has no columns: upload, commit and ingest it"));
              try {
                return ColumnCursor.open(
                    ingest, request.getColumnsList(), request.getSampleRows(), request.getSeed());
              } catch (ColumnCursor.UnknownColumnException unknown) {
                throw new StatusException(
                    GrpcStatus.INVALID_ARGUMENT, "dataset " + id + ": " + unknown.getMessage());
              }
            },
            false)
        .recover(cause -> Failures.toStatus(cause, "reading columns of dataset " + id));
  }

  /** One call's loop: read a batch, write it, wait for the queue to drain when it is full. */
  private final class Pump {

    private final ColumnCursor cursor;
    private final GrpcServerResponse<?, ColumnBatch> response;
    private boolean cancelled;
    private boolean draining;

    Pump(ColumnCursor cursor, GrpcServerResponse<?, ColumnBatch> response) {
      this.cursor = cursor;
      this.response = response;
      ClientGone.onGone(response, cause -> gone());
    }

    /**
     * The client went away: stop at the next step, where the read in flight closes the cursor; one
     * waiting for a drain that will never come closes it now.
     */
    private void gone() {
      cancelled = true;
      if (draining) {
        draining = false;
        response.drainHandler(null);
        cursor.close();
      }
    }

    void next() {
      if (cancelled) {
        cursor.close();
        return;
      }
      // Ordered: one batch at a time from this cursor, which is not thread-safe.
      workers
          .get()
          .executeBlocking(cursor::next, true)
          .onSuccess(this::write)
          .onFailure(this::failed);
    }

    private void write(ColumnBatch batch) {
      if (batch == null) {
        cursor.close();
        response.end();
      } else if (cancelled) {
        cursor.close();
      } else {
        response.write(batch);
        if (response.writeQueueFull()) {
          draining = true;
          response.drainHandler(
              drained -> {
                response.drainHandler(null);
                draining = false;
                next();
              });
        } else {
          next();
        }
      }
    }

    private void failed(Throwable cause) {
      cursor.close();
      Failures.toStatus(cause, "reading columns").onFailure(response::fail);
    }
  }
}
