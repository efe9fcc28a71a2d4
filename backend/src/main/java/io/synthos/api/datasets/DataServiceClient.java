package io.synthos.api.datasets;

import io.synthos.platform.grpc.CallFailure;
import io.synthos.platform.grpc.ServiceClient;
import io.synthos.platform.http.ProblemException;
import io.synthos.platform.http.ProblemType;
import io.synthos.proto.v1.CommitRequest;
import io.synthos.proto.v1.DataGrpcClient;
import io.synthos.proto.v1.DatasetChunk;
import io.synthos.proto.v1.DatasetInfo;
import io.synthos.proto.v1.DatasetRef;
import io.synthos.proto.v1.DatasetStat;
import io.synthos.proto.v1.ReadDatasetRequest;
import io.vertx.core.Future;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.time.Duration;
import java.util.UUID;

/**
 * The data service as the datasets resource reaches it, through the factory's {@link
 * ServiceClient}: a deadline on every call and a circuit breaker. The bytes of a dataset go in and
 * out through streams, never held whole. A service that does not answer (or whose breaker is open)
 * is a 503 problem; any other gRPC failure arrives as a {@link DataServiceException} for the caller
 * to explain in its terms.
 */
final class DataServiceClient {

  private final ServiceClient data;
  private final Duration streamDeadline;

  /**
   * @param data quick calls get its deadline
   * @param streamDeadline bounds an upload or a download, which lasts as long as the other end
   *     reads or sends: the life of an upload URL, after which the upload is dropped anyway
   */
  DataServiceClient(ServiceClient data, Duration streamDeadline) {
    this.data = data;
    this.streamDeadline = streamDeadline;
  }

  /** Opens an upload of the dataset's bytes from {@code offset}; the caller writes and ends it. */
  Future<GrpcClientRequest<DatasetChunk, DatasetStat>> openUpload() {
    return data.call(DataGrpcClient.WriteDataset, streamDeadline, Future::succeededFuture)
        .recover(this::explain);
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

  /**
   * A download: the call (to cancel when the reader goes away) and the stream of chunks, paused
   * until the reader has set its handlers and resumes it.
   */
  record Download(
      GrpcClientRequest<ReadDatasetRequest, DatasetChunk> call,
      GrpcClientResponse<ReadDatasetRequest, DatasetChunk> chunks) {}

  /** Streams the original bytes from {@code offset}; the caller reads the chunks. */
  Future<Download> download(UUID id, long offset) {
    ReadDatasetRequest request =
        ReadDatasetRequest.newBuilder().setDatasetId(id.toString()).setOffset(offset).build();
    return data.call(
            DataGrpcClient.ReadDataset,
            streamDeadline,
            // Paused: the breaker hands the result on in a later turn, and a chunk that arrived
            // meanwhile would find no handler.
            call -> call.send(request).map(chunks -> new Download(call, chunks.pause())))
        .recover(this::explain);
  }

  private <Req, Resp> Future<Resp> unary(ServiceMethod<Resp, Req> method, Req request) {
    return data.unary(method, request).recover(this::explain);
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

  /** A refusal in the data service's words; a service that is down, or anything else, a 503. */
  private <T> Future<T> explain(Throwable failure) {
    if (failure instanceof CallFailure call && !call.serviceDown()) {
      return Future.failedFuture(new DataServiceException(call.status(), call.detail()));
    }
    if (failure instanceof DataServiceException e && !e.serviceDown()) {
      return Future.failedFuture(e);
    }
    if (failure instanceof ProblemException) {
      return Future.failedFuture(failure);
    }
    return Future.failedFuture(
        ProblemType.DATA_SERVICE_UNAVAILABLE.exception(
            "The data service at " + data.address() + " did not answer; retry shortly."));
  }

  private static DatasetRef ref(UUID id) {
    return DatasetRef.newBuilder().setDatasetId(id.toString()).build();
  }
}
