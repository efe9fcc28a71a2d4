package io.synthos.bench;

import com.google.protobuf.UnsafeByteOperations;
import io.synthos.ml.data.DataServiceVerticle;
import io.synthos.platform.FreePort;
import io.synthos.platform.MlGrpcClient;
import io.synthos.platform.config.Secret;
import io.synthos.proto.v1.ColumnBatch;
import io.synthos.proto.v1.CommitRequest;
import io.synthos.proto.v1.DataGrpcClient;
import io.synthos.proto.v1.DatasetChunk;
import io.synthos.proto.v1.DatasetStat;
import io.synthos.proto.v1.IngestReply;
import io.synthos.proto.v1.IngestRequest;
import io.synthos.proto.v1.ReadColumnsRequest;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.GrpcClientResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collector;

/**
 * A real {@link DataServiceVerticle} on a private data directory, and a gRPC client to it over
 * loopback in the same JVM: the benchmarks time the RPCs the orchestrator calls, so the worker pool
 * hand-off, the typed columnar copy and the atomic publish are all in the measurement.
 */
final class InProcessDataService implements AutoCloseable {

  /** Upload chunk size: the service asks for messages under 256 KiB. */
  private static final int CHUNK = 128 * 1024;

  /** Long enough for a 1 GB ingest on a slow machine; no call may hang the benchmark forever. */
  private static final int CALL_TIMEOUT_MINUTES = 30;

  /** What every call to the in-process ML services carries: a fresh secret per run. */
  static final Secret SERVICE_SECRET = new Secret(UUID.randomUUID() + "-" + UUID.randomUUID());

  private final Vertx vertx;
  private final GrpcClient grpc;
  private final SocketAddress address;
  private final DataGrpcClient data;

  private InProcessDataService(Vertx vertx, GrpcClient grpc, SocketAddress address) {
    this.vertx = vertx;
    this.grpc = grpc;
    this.address = address;
    this.data = DataGrpcClient.create(grpc, address);
  }

  /** Deploys the service on {@code dataDir} with its default worker pool, listening on loopback. */
  static InProcessDataService start(Path dataDir) throws IOException {
    int port = freePort();
    Vertx vertx = Vertx.vertx();
    JsonObject config =
        new JsonObject()
            .put("host", "127.0.0.1")
            .put("port", port)
            .put("dataDir", dataDir.toString())
            .put("serviceSecret", SERVICE_SECRET.value());
    await(
        vertx.deployVerticle(new DataServiceVerticle(), new DeploymentOptions().setConfig(config)));
    GrpcClient grpc =
        MlGrpcClient.carrying(
            GrpcClient.client(
                vertx,
                new GrpcClientOptions()
                    .setTimeout(CALL_TIMEOUT_MINUTES)
                    .setTimeoutUnit(TimeUnit.MINUTES)
                    .setScheduleDeadlineAutomatically(true)),
            SERVICE_SECRET);
    SocketAddress address = SocketAddress.inetSocketAddress(port, "127.0.0.1");
    return new InProcessDataService(vertx, grpc, address);
  }

  /** Where the service listens, as the ML services' {@code dataService} setting names it. */
  String hostPort() {
    return address.host() + ":" + address.port();
  }

  /** Uploads {@code csv} with WriteDataset, commits it, and answers its new dataset id. */
  String upload(Path csv) {
    String id = UUID.randomUUID().toString();
    await(
        vertx
            .fileSystem()
            .open(csv.toString(), new OpenOptions().setRead(true).setWrite(false))
            .compose(file -> write(id, file).eventually(file::close)));
    await(data.commitDataset(CommitRequest.newBuilder().setDatasetId(id).build()));
    return id;
  }

  /** Streams the file as chunks, pausing it whenever the call's write queue is full. */
  private Future<DatasetStat> write(String id, AsyncFile file) {
    file.setReadBufferSize(CHUNK);
    // The raw request rather than the generated stub: it can be cancelled if the file fails.
    return grpc.request(address, DataGrpcClient.WriteDataset)
        .compose(
            call -> {
              Future<DatasetStat> reply = call.response().compose(GrpcClientResponse::last);
              file.exceptionHandler(unreadable -> call.cancel());
              file.endHandler(ended -> call.end());
              file.handler(
                  buffer -> {
                    // Only the first chunk's id counts; naming it on all is simpler than tracking.
                    call.write(
                        DatasetChunk.newBuilder()
                            .setDatasetId(id)
                            .setData(UnsafeByteOperations.unsafeWrap(buffer.getBytes()))
                            .build());
                    if (call.writeQueueFull()) {
                      file.pause();
                      call.drainHandler(drained -> file.resume());
                    }
                  });
              return reply;
            });
  }

  /** The Ingest RPC on a committed CSV dataset; answers the profile JSON. */
  String ingest(String id) {
    IngestReply reply =
        await(data.ingest(IngestRequest.newBuilder().setDatasetId(id).setFormat("csv").build()));
    return reply.getProfileJson();
  }

  /** Streams every row of every column with ReadColumns into {@code collector}. */
  <R> R readColumns(String id, Collector<ColumnBatch, ?, R> collector) {
    ReadColumnsRequest all = ReadColumnsRequest.newBuilder().setDatasetId(id).build();
    // Collect inside compose: a handler attached after awaiting the stream misses messages.
    return await(data.readColumns(all).compose(batches -> batches.collect(collector)));
  }

  @Override
  public void close() {
    await(grpc.close().eventually(vertx::close));
  }

  private static int freePort() {
    return FreePort.find();
  }

  static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(CALL_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException("call failed: " + e.getMessage(), e);
    }
  }
}
