package io.synthos.api.datasets;

import com.google.protobuf.ByteString;
import io.synthos.platform.http.ProblemType;
import io.synthos.proto.v1.DatasetChunk;
import io.synthos.proto.v1.DatasetStat;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.grpc.client.GrpcClientRequest;
import java.util.UUID;

/**
 * Streams an HTTP body into the data service's {@code WriteDataset}, in messages well under gRPC's
 * size limit, pausing the body whenever the call cannot take more: memory holds a write queue,
 * never the upload. A body that breaks off ends the call normally, so the bytes received stay
 * staged and the client can resume after them.
 */
final class UploadPipe {

  static final int CHUNK_BYTES = 64 * 1024;

  private final DataServiceClient data;

  UploadPipe(DataServiceClient data) {
    this.data = data;
  }

  /**
   * Pipes {@code body} (paused by the caller) to the dataset from {@code offset}, refusing with 413
   * beyond {@code limit} bytes in total. Answers what the data service staged.
   */
  Future<DatasetStat> pipe(UUID id, long offset, ReadStream<Buffer> body, long limit) {
    return data.openUpload().compose(call -> new Session(call, body, limit).run(id, offset));
  }

  /** One upload in flight: what was sent, and whether the call still takes bytes. */
  private final class Session {

    private final GrpcClientRequest<DatasetChunk, DatasetStat> call;
    private final ReadStream<Buffer> body;
    private final long limit;
    private final Promise<Void> sent = Promise.promise();
    private Future<DatasetStat> answer;
    private long total;
    private boolean ended;

    Session(
        GrpcClientRequest<DatasetChunk, DatasetStat> call, ReadStream<Buffer> body, long limit) {
      this.call = call;
      this.body = body;
      this.limit = limit;
    }

    Future<DatasetStat> run(UUID id, long offset) {
      total = offset;
      answer = data.uploaded(call);
      // The service may refuse (offset, size) before the body ends: stop reading at once.
      answer.onFailure(
          failure -> {
            ended = true;
            body.pause();
            sent.tryFail(failure);
          });
      call.write(DatasetChunk.newBuilder().setDatasetId(id.toString()).setOffset(offset).build());
      body.handler(this::accept);
      body.exceptionHandler(
          failure -> {
            // What arrived stays staged, so the client can resume after it.
            end();
            sent.tryFail(failure);
          });
      body.endHandler(
          done -> {
            end();
            sent.tryComplete();
          });
      body.resume();
      return sent.future().compose(done -> answer);
    }

    private void accept(Buffer buffer) {
      if (ended) {
        return;
      }
      total += buffer.length();
      if (total > limit) {
        // End the call normally: the service closes its file and answers; then the caller drops
        // the staged bytes.
        body.pause();
        end();
        answer.onComplete(closed -> sent.tryFail(tooLarge(limit)));
        return;
      }
      write(call, buffer);
      if (call.writeQueueFull()) {
        body.pause();
        call.drainHandler(drained -> body.resume());
      }
    }

    private void end() {
      if (!ended) {
        ended = true;
        call.end();
      }
    }
  }

  private static void write(GrpcClientRequest<DatasetChunk, DatasetStat> call, Buffer buffer) {
    for (int start = 0; start < buffer.length(); start += CHUNK_BYTES) {
      int end = Math.min(buffer.length(), start + CHUNK_BYTES);
      call.write(
          DatasetChunk.newBuilder()
              .setData(ByteString.copyFrom(buffer.getBytes(start, end)))
              .build());
    }
  }

  static Throwable tooLarge(long limit) {
    return ProblemType.PAYLOAD_TOO_LARGE.exception(
        "A dataset upload may hold at most " + limit + " bytes.");
  }
}
