package io.synthos.ml.data;

import io.synthos.proto.v1.DatasetChunk;
import io.synthos.proto.v1.DatasetStat;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import java.util.UUID;

/**
 * WriteDataset: streams uploaded chunks into the staging area, never holding more than the write
 * queue in memory. The first chunk names the dataset and may resume at the staged size.
 */
final class DatasetUploads {

  private final DatasetStorage storage;
  private final long maxBytes;
  private final DatasetLocks busy;

  DatasetUploads(DatasetStorage storage, long maxBytes, DatasetLocks busy) {
    this.storage = storage;
    this.maxBytes = maxBytes;
    this.busy = busy;
  }

  Future<DatasetStat> write(ReadStream<DatasetChunk> chunks) {
    Promise<DatasetStat> result = Promise.promise();
    chunks.exceptionHandler(result::tryFail);
    chunks.endHandler(
        ended ->
            result.tryFail(
                Failures.exception(
                    GrpcStatus.INVALID_ARGUMENT,
                    "empty upload: the first chunk names the dataset")));
    chunks.handler(
        first -> {
          chunks.pause();
          DatasetIds.parse(first.getDatasetId())
              .compose(id -> busy.exclusive(id, () -> start(id, first, chunks)))
              .onComplete(result);
        });
    return result.future();
  }

  private Future<DatasetStat> start(UUID id, DatasetChunk first, ReadStream<DatasetChunk> chunks) {
    return storage
        .stat(id)
        .compose(stat -> stat.getStored() ? alreadyCommitted(id) : storage.stagedBytes(id))
        .compose(staged -> checkOffset(id, first.getOffset(), staged))
        .compose(offset -> storage.openStaging(id, offset))
        .compose(file -> new Session(id, first.getOffset(), file, chunks).run(first));
  }

  private static Future<Long> alreadyCommitted(UUID id) {
    return Failures.status(
        GrpcStatus.ALREADY_EXISTS, "dataset " + id + " is already committed and is immutable");
  }

  private static Future<Long> checkOffset(UUID id, long offset, long staged) {
    if (offset != staged) {
      return Failures.status(
          GrpcStatus.FAILED_PRECONDITION,
          "dataset "
              + id
              + " has "
              + staged
              + " bytes staged: resume at offset "
              + staged
              + " or abort the upload first");
    }
    return Future.succeededFuture(offset);
  }

  /** One upload after its first chunk was accepted: writes, caps, ends. */
  private final class Session {

    private final UUID id;
    private final WriteStream<Buffer> file;
    private final ReadStream<DatasetChunk> chunks;
    private final Promise<DatasetStat> done = Promise.promise();
    private long staged;
    private boolean stopped;

    Session(UUID id, long offset, WriteStream<Buffer> file, ReadStream<DatasetChunk> chunks) {
      this.id = id;
      this.staged = offset;
      this.file = file;
      this.chunks = chunks;
    }

    Future<DatasetStat> run(DatasetChunk first) {
      file.exceptionHandler(this::failed);
      chunks.exceptionHandler(this::failed);
      chunks.endHandler(this::ended);
      chunks.handler(this::accept);
      accept(first);
      chunks.resume();
      return done.future();
    }

    private void accept(DatasetChunk chunk) {
      if (stopped) {
        return;
      }
      staged += chunk.getData().size();
      if (staged > maxBytes) {
        tooLarge();
        return;
      }
      if (chunk.getData().isEmpty()) {
        return;
      }
      file.write(Buffer.buffer(chunk.getData().toByteArray()));
      if (file.writeQueueFull()) {
        chunks.pause();
        file.drainHandler(drained -> chunks.resume());
      }
    }

    private void ended(Void ended) {
      // A stopped upload already closed the file: closing again throws on the event loop.
      if (!stopped) {
        file.end().onComplete(closed -> finished(closed.cause()));
      }
    }

    private void tooLarge() {
      stopped = true;
      // Close before deleting, so no queued write recreates the file; answer once it is gone.
      file.end()
          .eventually(() -> storage.deleteStaging(id))
          .onComplete(
              deleted ->
                  done.tryFail(
                      Failures.exception(
                          GrpcStatus.RESOURCE_EXHAUSTED,
                          "dataset "
                              + id
                              + " exceeds the upload limit of "
                              + maxBytes
                              + " bytes")));
    }

    private void finished(Throwable closeFailure) {
      if (stopped) {
        return;
      }
      if (closeFailure != null) {
        stopped = true;
        done.tryFail(closeFailure);
        return;
      }
      done.tryComplete(
          DatasetStat.newBuilder()
              .setDatasetId(id.toString())
              .setStored(false)
              .setSizeBytes(staged)
              .build());
    }

    private void failed(Throwable cause) {
      if (stopped) {
        return;
      }
      stopped = true;
      // A cancelled call keeps what was staged, so the client can resume at the staged size.
      file.end().onComplete(closed -> done.tryFail(cause));
    }
  }
}
