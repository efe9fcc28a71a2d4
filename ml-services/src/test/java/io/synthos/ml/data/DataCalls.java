package io.synthos.ml.data;

import com.google.protobuf.ByteString;
import io.synthos.ml.GrpcTestKit;
import io.synthos.proto.v1.ColumnBatch;
import io.synthos.proto.v1.CommitRequest;
import io.synthos.proto.v1.DataGrpcClient;
import io.synthos.proto.v1.DatasetChunk;
import io.synthos.proto.v1.DatasetInfo;
import io.synthos.proto.v1.DatasetRef;
import io.synthos.proto.v1.DatasetStat;
import io.synthos.proto.v1.IngestReply;
import io.synthos.proto.v1.IngestRequest;
import io.synthos.proto.v1.ReadColumnsRequest;
import io.synthos.proto.v1.ReadDatasetRequest;
import io.vertx.core.Future;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Raw calls to the data service that keep the status message (the generated client drops it). */
public final class DataCalls {

  /** What a call answered: its status, status message and every message it streamed. */
  public record Reply<T>(GrpcStatus status, String message, List<T> values) {
    public T value() {
      return values.get(values.size() - 1);
    }
  }

  private final GrpcClient grpc;
  private final int port;

  public DataCalls(GrpcClient grpc, int port) {
    this.grpc = grpc;
    this.port = port;
  }

  /** Uploads {@code chunks} in order; the first carries the id and offset. */
  Future<Reply<DatasetStat>> upload(String id, long offset, List<byte[]> chunks) {
    return grpc.request(GrpcTestKit.local(port), DataGrpcClient.WriteDataset)
        .compose(
            call -> {
              // Ask for the response first: the server may answer (and reset) before we end.
              Future<Reply<DatasetStat>> reply = call.response().compose(DataCalls::collect);
              for (int i = 0; i < chunks.size(); i++) {
                DatasetChunk.Builder chunk =
                    DatasetChunk.newBuilder().setData(ByteString.copyFrom(chunks.get(i)));
                if (i == 0) {
                  chunk.setDatasetId(id).setOffset(offset);
                }
                call.write(chunk.build());
              }
              call.end();
              return reply;
            });
  }

  public Future<Reply<DatasetStat>> upload(String id, byte[] bytes, int chunkSize) {
    List<byte[]> chunks = new ArrayList<>();
    for (int at = 0; at < bytes.length; at += chunkSize) {
      chunks.add(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + chunkSize)));
    }
    return upload(id, 0, chunks);
  }

  Future<Reply<DatasetStat>> commit(String id, String sha256) {
    return unary(
        DataGrpcClient.CommitDataset,
        CommitRequest.newBuilder().setDatasetId(id).setExpectedSha256(sha256).build());
  }

  Future<Reply<DatasetStat>> abort(String id) {
    return unary(DataGrpcClient.AbortDataset, ref(id));
  }

  public Future<Reply<DatasetStat>> stat(String id) {
    return unary(DataGrpcClient.Stat, ref(id));
  }

  Future<Reply<DatasetInfo>> get(String id) {
    return unary(DataGrpcClient.GetDataset, ref(id));
  }

  Future<Reply<IngestReply>> ingest(String id, String format, Map<String, String> types) {
    return unary(
        DataGrpcClient.Ingest,
        IngestRequest.newBuilder()
            .setDatasetId(id)
            .setFormat(format)
            .putAllColumnTypes(types)
            .build());
  }

  Future<Reply<ColumnBatch>> read(String id, List<String> columns, long sampleRows, long seed) {
    return unary(
        DataGrpcClient.ReadColumns,
        ReadColumnsRequest.newBuilder()
            .setDatasetId(id)
            .addAllColumns(columns)
            .setSampleRows(sampleRows)
            .setSeed(seed)
            .build());
  }

  Future<Reply<DatasetChunk>> download(String id, long offset) {
    return unary(
        DataGrpcClient.ReadDataset,
        ReadDatasetRequest.newBuilder().setDatasetId(id).setOffset(offset).build());
  }

  public Future<Reply<DatasetStat>> delete(String id) {
    return unary(DataGrpcClient.DeleteDataset, ref(id));
  }

  /** Upload, commit and ingest as CSV in one go; fails unless every step is OK. */
  public Future<String> store(String id, String csv) {
    byte[] bytes = csv.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return upload(id, bytes, 64 * 1024)
        .compose(DataCalls::ok)
        .compose(staged -> commit(id, ""))
        .compose(DataCalls::ok)
        .compose(committed -> ingest(id, "csv", Map.of()))
        .compose(DataCalls::ok)
        .map(IngestReply::getProfileJson);
  }

  static <T> Future<T> ok(Reply<T> reply) {
    return reply.status() == GrpcStatus.OK
        ? Future.succeededFuture(reply.value())
        : Future.failedFuture(reply.status() + ": " + reply.message());
  }

  private <Req, Resp> Future<Reply<Resp>> unary(ServiceMethod<Resp, Req> method, Req request) {
    return grpc.request(GrpcTestKit.local(port), method)
        .compose(
            call -> {
              call.end(request);
              return call.response().compose(DataCalls::collect);
            });
  }

  private static <Resp> Future<Reply<Resp>> collect(GrpcClientResponse<?, Resp> response) {
    return GrpcTestKit.collect(response)
        .map(ended -> new Reply<>(ended.status(), ended.message(), ended.messages()));
  }

  static DatasetRef ref(String id) {
    return DatasetRef.newBuilder().setDatasetId(id).build();
  }
}
