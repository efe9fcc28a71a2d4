package io.synthos.ml.data;

import com.google.protobuf.UnsafeByteOperations;
import io.synthos.ml.common.ClientGone;
import io.synthos.proto.v1.DatasetChunk;
import io.synthos.proto.v1.ReadDatasetRequest;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ReadDataset: streams the committed original from an offset, reading the file only as fast as the
 * response drains, so a slow client holds back the reads rather than filling memory.
 *
 * <p>It takes no {@link DatasetLocks} lock: the original never changes once committed, and an open
 * file keeps its bytes even when DeleteDataset removes its name, so a download either sees the
 * whole original or NOT_FOUND.
 */
final class DatasetDownloads {

  /** Bytes per chunk: well under vertx-grpc's 256 KiB message limit, framing included. */
  static final int CHUNK_BYTES = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(DatasetDownloads.class);

  private final DatasetStorage storage;

  DatasetDownloads(DatasetStorage storage) {
    this.storage = storage;
  }

  void read(ReadDatasetRequest request, GrpcServerResponse<?, DatasetChunk> response) {
    new Download(request.getOffset(), response).start(request.getDatasetId());
  }

  /** One call: open, check the offset, then pump chunks until the end, a failure or a cancel. */
  private final class Download {

    private final long offset;
    private final GrpcServerResponse<?, DatasetChunk> response;
    private UUID id;
    private AsyncFile file;
    private boolean sentFirst;
    private boolean over;
    private boolean closed;

    Download(long offset, GrpcServerResponse<?, DatasetChunk> response) {
      this.offset = offset;
      this.response = response;
      // The client cancelled or went away: stop reading and release the file.
      ClientGone.onGone(
          response,
          cause -> {
            over = true;
            close();
          });
    }

    void start(String rawId) {
      if (offset < 0) {
        failed(Failures.exception(GrpcStatus.INVALID_ARGUMENT, "offset must be 0 or more"));
        return;
      }
      DatasetIds.parse(rawId)
          .compose(this::open)
          .compose(this::checkOffset)
          .onSuccess(ready -> pump())
          .onFailure(this::failed);
    }

    private Future<Long> open(UUID parsed) {
      id = parsed;
      return storage
          .readOriginal(parsed)
          .compose(
              opened -> {
                file = opened;
                return over ? close().map(0L) : opened.size();
              });
    }

    private Future<Void> checkOffset(long size) {
      if (offset > size) {
        return Failures.status(
            GrpcStatus.OUT_OF_RANGE,
            "offset " + offset + " is past the end of dataset " + id + " (" + size + " bytes)");
      }
      return Future.succeededFuture();
    }

    private void pump() {
      if (over) {
        return;
      }
      file.setReadBufferSize(CHUNK_BYTES).setReadPos(offset);
      file.exceptionHandler(this::failed);
      file.endHandler(ended -> finished());
      file.handler(this::send);
    }

    private void send(Buffer bytes) {
      if (over) {
        return;
      }
      response.write(chunk(bytes));
      if (response.writeQueueFull()) {
        file.pause();
        response.drainHandler(
            drained -> {
              response.drainHandler(null);
              if (!over) {
                file.resume();
              }
            });
      }
    }

    private void finished() {
      if (over) {
        return;
      }
      if (!sentFirst) {
        // An empty original, or an offset at its end: still say which dataset and where.
        response.write(chunk(Buffer.buffer()));
      }
      over = true;
      // Closed before the end is sent: a client that saw the end holds no file on the server.
      close().onComplete(closedFile -> response.end());
    }

    private DatasetChunk chunk(Buffer bytes) {
      // getBytes() returns a fresh copy that nothing else holds, so wrapping it is safe.
      DatasetChunk.Builder chunk =
          DatasetChunk.newBuilder().setData(UnsafeByteOperations.unsafeWrap(bytes.getBytes()));
      if (!sentFirst) {
        sentFirst = true;
        chunk.setDatasetId(id.toString()).setOffset(offset);
      }
      return chunk.build();
    }

    private void failed(Throwable cause) {
      if (over) {
        close();
        return;
      }
      over = true;
      String what = id == null ? "download" : "download of dataset " + id;
      close().transform(closedFile -> Failures.toStatus(cause, what)).onFailure(response::fail);
    }

    /** Closes the file once; never fails (a read-only file has nothing left to lose). */
    private Future<Void> close() {
      if (file == null || closed) {
        return Future.succeededFuture();
      }
      closed = true;
      return file.close()
          .recover(
              cause -> {
                LOG.debug("data service: closing the original of dataset {} failed", id, cause);
                return Future.succeededFuture();
              });
    }
  }
}
