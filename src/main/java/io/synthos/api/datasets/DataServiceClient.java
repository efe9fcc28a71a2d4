package io.synthos.api.datasets;

import io.synthos.platform.config.HostPort;
import io.synthos.platform.http.ProblemType;
import io.synthos.proto.v1.CommitRequest;
import io.synthos.proto.v1.DataGrpcClient;
import io.synthos.proto.v1.DatasetChunk;
import io.synthos.proto.v1.DatasetInfo;
import io.synthos.proto.v1.DatasetRef;
import io.synthos.proto.v1.DatasetStat;
import io.synthos.proto.v1.ReadDatasetRequest;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The data service as the datasets resource reaches it: the bytes of a dataset go in and out
 * through streams, never held whole. A service that does not answer is a 503 problem; any other
 * gRPC failure arrives as a {@link DataServiceException} for the caller to explain in its terms.
 */
final class DataServiceClient {

  private final GrpcClient grpc;
  private final SocketAddress address;
  private final HostPort hostPort;
  private final Duration deadline;

  /**
   * @param grpc a client without a deadline of its own: streams (uploads, downloads) last as long
   *     as the caller sends, and quick calls get {@code deadline}
   */
  DataServiceClient(GrpcClient grpc, HostPort address, Duration deadline) {
    this.grpc = grpc;
    this.address = SocketAddress.inetSocketAddress(address.port(), address.host());
    this.hostPort = address;
    this.deadline = deadline;
  }

  /** Opens an upload of the dataset's bytes from {@code offset}; the caller writes and ends it. */
  Future<GrpcClientRequest<DatasetChunk, DatasetStat>> openUpload() {
    return grpc.request(address, DataGrpcClient.WriteDataset).recover(this::unreachable);
  }

  /** What the upload answered once ended: the bytes staged. */
  Future<DatasetStat> uploaded(GrpcClientRequest<DatasetChunk, DatasetStat> call) {
    return call.response().compose(DataServiceClient::last).recover(this::explain);
  }

  /** Whether the bytes are committed, and how many are staged or stored. */
  Future<DatasetStat> stat(UUID id) {
    return unary(DataGrpcClient.Stat, ref(id));
  }

  /** Publishes the staged bytes; committing twice is not an error. */
  Future<DatasetStat> commit(UUID id, String expectedSha256) {
    return unary(
            DataGrpcClient.CommitDataset,
            CommitRequest.newBuilder()
                .setDatasetId(id.toString())
                .setExpectedSha256(expectedSha256 == null ? "" : expectedSha256)
                .build())
        .recover(
            failure ->
                failure instanceof DataServiceException e && e.status() == GrpcStatus.ALREADY_EXISTS
                    ? stat(id)
                    : Future.failedFuture(failure));
  }

  /** Drops staged bytes. */
  Future<DatasetStat> abort(UUID id) {
    return unary(DataGrpcClient.AbortDataset, ref(id));
  }

  /** The stored size and, once ingested, the profile. */
  Future<DatasetInfo> info(UUID id) {
    return unary(DataGrpcClient.GetDataset, ref(id));
  }

  /** Deletes every byte stored for the dataset; deleting twice is not an error. */
  Future<DatasetStat> delete(UUID id) {
    return unary(DataGrpcClient.DeleteDataset, ref(id));
  }

  /** A download: the call (to cancel when the reader goes away) and the stream of chunks. */
  record Download(
      GrpcClientRequest<ReadDatasetRequest, DatasetChunk> call,
      GrpcClientResponse<ReadDatasetRequest, DatasetChunk> chunks) {}

  /** Streams the original bytes from {@code offset}; the caller reads the chunks. */
  Future<Download> download(UUID id, long offset) {
    return grpc.request(address, DataGrpcClient.ReadDataset)
        .recover(this::unreachable)
        .compose(
            call ->
                call.send(
                        ReadDatasetRequest.newBuilder()
                            .setDatasetId(id.toString())
                            .setOffset(offset)
                            .build())
                    .map(chunks -> new Download(call, chunks)))
        .recover(this::explain);
  }

  Future<Void> close() {
    return grpc.close();
  }

  private <Req, Resp> Future<Resp> unary(
      io.vertx.grpc.common.ServiceMethod<Resp, Req> method, Req request) {
    return grpc.request(address, method)
        .recover(this::unreachable)
        .compose(call -> call.timeout(deadline.toMillis(), TimeUnit.MILLISECONDS).send(request))
        .compose(DataServiceClient::last)
        .recover(this::explain);
  }

  private static <Req, Resp> Future<Resp> last(GrpcClientResponse<Req, Resp> response) {
    return response
        .last()
        .recover(
            failure ->
                Future.failedFuture(
                    response.status() == null || response.status() == GrpcStatus.OK
                        ? failure
                        : new DataServiceException(response.status(), response.statusMessage())));
  }

  private <T> Future<T> explain(Throwable failure) {
    if (failure instanceof DataServiceException e
        && e.status() != GrpcStatus.UNAVAILABLE
        && e.status() != GrpcStatus.DEADLINE_EXCEEDED) {
      return Future.failedFuture(e);
    }
    if (failure instanceof io.synthos.platform.http.ProblemException) {
      return Future.failedFuture(failure);
    }
    return unreachable(failure);
  }

  private <T> Future<T> unreachable(Throwable failure) {
    return Future.failedFuture(
        ProblemType.DATA_SERVICE_UNAVAILABLE.exception(
            "The data service at " + hostPort + " did not answer; retry shortly."));
  }

  private static DatasetRef ref(UUID id) {
    return DatasetRef.newBuilder().setDatasetId(id.toString()).build();
  }
}
