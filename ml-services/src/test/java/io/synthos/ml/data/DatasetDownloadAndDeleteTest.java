package io.synthos.ml.data;

import static io.synthos.ml.GrpcTestKit.await;
import static io.synthos.ml.data.DatasetUploadTest.bytes;
import static io.synthos.ml.data.DatasetUploadTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.synthos.ml.GrpcTestKit;
import io.synthos.ml.data.DataCalls.Reply;
import io.synthos.proto.v1.DataGrpcClient;
import io.synthos.proto.v1.DatasetChunk;
import io.synthos.proto.v1.DatasetInfo;
import io.synthos.proto.v1.DatasetStat;
import io.synthos.proto.v1.ReadDatasetRequest;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Downloading and deleting a dataset in the data service")
class DatasetDownloadAndDeleteTest {

  /** vertx-grpc's default limit on one message. */
  private static final int MAX_MESSAGE = 256 * 1024;

  private static final String CSV = "a,b\n1,x\n2,y\n";

  /** Where Linux lists this JVM's open files; checks of open handles need it. */
  private static final Path OPEN_FILES = Path.of("/proc/self/fd");

  @TempDir Path dataDir;
  private int port;
  private GrpcClient grpc;
  private DataCalls data;
  private final String id = UUID.randomUUID().toString();

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    port = GrpcTestKit.freePort();
    grpc = GrpcTestKit.client(vertx);
    data = new DataCalls(grpc, port);
    JsonObject config = GrpcTestKit.serviceConfig(port).put("dataDir", dataDir.toString());
    await(
        vertx.deployVerticle(
            "io.synthos.ml.data.DataServiceVerticle", new DeploymentOptions().setConfig(config)));
  }

  @Test
  @DisplayName("streams exactly the committed bytes of a multi-chunk upload, in small chunks")
  void downloadsWhatWasUploaded() throws Exception {
    byte[] bytes = committed(1_572_864 + 12_345);

    Reply<DatasetChunk> reply = await(data.download(id, 0));

    assertThat(reply.status()).isEqualTo(GrpcStatus.OK);
    List<DatasetChunk> chunks = reply.values();
    assertThat(chunks).hasSizeGreaterThan(1);
    assertThat(chunks)
        .allSatisfy(
            chunk -> {
              assertThat(chunk.getData().size()).isLessThanOrEqualTo(64 * 1024);
              assertThat(chunk.getSerializedSize()).isLessThan(MAX_MESSAGE);
            });
    assertThat(chunks.get(0).getDatasetId()).isEqualTo(id);
    assertThat(chunks.get(0).getOffset()).isZero();
    assertThat(concat(chunks)).isEqualTo(bytes);
    if (Files.isDirectory(OPEN_FILES)) {
      assertThat(openHandlesTo(original())).as("closed before the call ends").isZero();
    }
  }

  @Test
  @DisplayName("resumes a download at an offset, and at the very end sends one empty chunk")
  void resumesAtOffset() throws Exception {
    byte[] bytes = committed(300_000);

    Reply<DatasetChunk> tail = await(data.download(id, 100_001));
    Reply<DatasetChunk> atEnd = await(data.download(id, bytes.length));

    assertThat(tail.status()).isEqualTo(GrpcStatus.OK);
    assertThat(tail.values().get(0).getDatasetId()).isEqualTo(id);
    assertThat(tail.values().get(0).getOffset()).isEqualTo(100_001);
    assertThat(concat(tail.values())).isEqualTo(Arrays.copyOfRange(bytes, 100_001, bytes.length));
    assertThat(atEnd.status()).isEqualTo(GrpcStatus.OK);
    assertThat(atEnd.values())
        .singleElement()
        .satisfies(
            chunk -> {
              assertThat(chunk.getDatasetId()).isEqualTo(id);
              assertThat(chunk.getOffset()).isEqualTo(bytes.length);
              assertThat(chunk.getData().isEmpty()).isTrue();
            });
  }

  @Test
  @DisplayName("answers NOT_FOUND for a dataset that is only staged or unknown")
  void downloadNotFound() throws Exception {
    assertThat(await(data.upload(id, bytes(1_000), 500)).status()).isEqualTo(GrpcStatus.OK);

    Reply<DatasetChunk> staged = await(data.download(id, 0));
    Reply<DatasetChunk> unknown = await(data.download(UUID.randomUUID().toString(), 0));

    assertThat(staged.status()).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(staged.message()).contains("dataset " + id + " is not stored");
    assertThat(staged.values()).isEmpty();
    assertThat(unknown.status()).isEqualTo(GrpcStatus.NOT_FOUND);
  }

  @Test
  @DisplayName("answers OUT_OF_RANGE past the end, naming the size, and refuses a negative offset")
  void downloadOutOfRange() throws Exception {
    byte[] bytes = committed(10_000);

    Reply<DatasetChunk> past = await(data.download(id, bytes.length + 1));
    Reply<DatasetChunk> negative = await(data.download(id, -1));

    assertThat(past.status()).isEqualTo(GrpcStatus.OUT_OF_RANGE);
    assertThat(past.message()).contains("(10000 bytes)");
    assertThat(past.values()).isEmpty();
    assertThat(negative.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(negative.message()).contains("offset must be 0 or more");
    if (Files.isDirectory(OPEN_FILES)) {
      assertThat(openHandlesTo(original())).as("closed after refusing").isZero();
    }
  }

  @Test
  @DisplayName("refuses a download whose dataset id is not a UUID with INVALID_ARGUMENT")
  void downloadBadId() throws Exception {
    Reply<DatasetChunk> reply = await(data.download("../" + id, 0));

    assertThat(reply.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(reply.message()).contains("dataset_id must be a UUID");
  }

  @Test
  @DisplayName("closes the file when the client cancels a download midway")
  void cancelClosesFile() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(OPEN_FILES), "needs " + OPEN_FILES);
    committed(4 << 20);
    GrpcClientRequest<ReadDatasetRequest, DatasetChunk> call =
        await(grpc.request(GrpcTestKit.local(port), DataGrpcClient.ReadDataset));
    Promise<DatasetChunk> first = Promise.promise();
    call.response()
        .onSuccess(
            response ->
                response.handler(
                    chunk -> {
                      // Stop reading: HTTP/2 flow control then holds the server mid-file.
                      response.pause();
                      first.tryComplete(chunk);
                    }));
    call.end(ReadDatasetRequest.newBuilder().setDatasetId(id).build());
    assertThat(await(first.future()).getDatasetId()).isEqualTo(id);
    assertThat(openHandlesTo(original())).as("open while streaming").isPositive();

    call.cancel();

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(openHandlesTo(original())).isZero());
    assertThat(await(data.download(id, (4 << 20) - 10)).status()).isEqualTo(GrpcStatus.OK);
  }

  @Test
  @DisplayName(
      "delete removes the original and its columnar copy, after which a new upload starts at 0")
  void deletesIngestedDataset() throws Exception {
    await(data.store(id, CSV));
    try (Stream<Path> files = Files.list(datasetDir())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .contains("original", "current")
          .anyMatch(name -> name.startsWith("ingest-"));
    }

    Reply<DatasetStat> deleted = await(data.delete(id));

    assertThat(deleted.status()).isEqualTo(GrpcStatus.OK);
    assertThat(deleted.value().getDatasetId()).isEqualTo(id);
    assertThat(deleted.value().getStored()).isFalse();
    assertThat(datasetDir()).doesNotExist();
    assertThat(dataDir.resolve("datasets").resolve(".trash").resolve(id)).doesNotExist();
    assertThat(await(data.stat(id)).value().getStored()).isFalse();
    DatasetInfo info = await(data.get(id)).value();
    assertThat(info.getStored()).isFalse();
    assertThat(info.getIngested()).isFalse();
    assertThat(info.getProfileJson()).isEmpty();
    assertThat(await(data.download(id, 0)).status()).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(await(data.read(id, List.of(), 0, 0)).status()).isEqualTo(GrpcStatus.NOT_FOUND);

    byte[] again = bytes(5_000);
    assertThat(await(data.upload(id, again, 1_000)).status()).isEqualTo(GrpcStatus.OK);
    assertThat(await(data.commit(id, sha256(again))).status()).isEqualTo(GrpcStatus.OK);
    assertThat(concat(await(data.download(id, 0)).values())).isEqualTo(again);
  }

  @Test
  @DisplayName("delete removes the staged bytes of an unfinished upload, which then restarts at 0")
  void deletesStagedUpload() throws Exception {
    byte[] bytes = bytes(20_000);
    assertThat(await(data.upload(id, 0, List.of(Arrays.copyOf(bytes, 8_000)))).status())
        .isEqualTo(GrpcStatus.OK);
    assertThat(staging()).exists();

    Reply<DatasetStat> deleted = await(data.delete(id));

    assertThat(deleted.status()).isEqualTo(GrpcStatus.OK);
    assertThat(deleted.value().getStored()).isFalse();
    assertThat(staging()).doesNotExist();
    Reply<DatasetStat> restarted = await(data.upload(id, 0, List.of(bytes)));
    assertThat(restarted.status()).isEqualTo(GrpcStatus.OK);
    assertThat(restarted.value().getSizeBytes()).isEqualTo(bytes.length);
    assertThat(Files.readAllBytes(staging())).isEqualTo(bytes);
  }

  @Test
  @DisplayName("delete is idempotent: an unknown or already deleted dataset answers not stored")
  void deleteIsIdempotent() throws Exception {
    committed(1_000);

    List<Reply<DatasetStat>> replies =
        List.of(
            await(data.delete(id)),
            await(data.delete(id)),
            await(data.delete(UUID.randomUUID().toString())));

    assertThat(replies)
        .allSatisfy(
            reply -> {
              assertThat(reply.status()).isEqualTo(GrpcStatus.OK);
              assertThat(reply.value().getStored()).isFalse();
              assertThat(reply.value().getSizeBytes()).isZero();
            });
    assertThat(datasetDir()).doesNotExist();
  }

  @Test
  @DisplayName("refuses to delete while an upload of the dataset runs, with ABORTED")
  void deleteWaitsForNoUpload() throws Exception {
    GrpcClientRequest<DatasetChunk, DatasetStat> upload =
        await(grpc.request(GrpcTestKit.local(port), DataGrpcClient.WriteDataset));
    Future<DatasetStat> uploaded = upload.response().compose(GrpcClientResponse::last);
    upload.write(
        DatasetChunk.newBuilder()
            .setDatasetId(id)
            .setData(ByteString.copyFrom(bytes(3_000)))
            .build());
    // The staging file is opened under the dataset's lock, which the upload holds until it ends.
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(staging()));

    Reply<DatasetStat> refused = await(data.delete(id));

    assertThat(refused.status()).isEqualTo(GrpcStatus.ABORTED);
    assertThat(refused.message()).contains("is busy");
    upload.end();
    assertThat(await(uploaded).getSizeBytes()).isEqualTo(3_000);
    assertThat(Files.size(staging())).isEqualTo(3_000);
    assertThat(await(data.delete(id)).status()).isEqualTo(GrpcStatus.OK);
    assertThat(staging()).doesNotExist();
  }

  /** Uploads and commits {@code size} random bytes under {@link #id}. */
  private byte[] committed(int size) throws Exception {
    byte[] bytes = bytes(size);
    assertThat(await(data.upload(id, bytes, 128 * 1024)).status()).isEqualTo(GrpcStatus.OK);
    assertThat(await(data.commit(id, sha256(bytes))).status()).isEqualTo(GrpcStatus.OK);
    return bytes;
  }

  private static byte[] concat(List<DatasetChunk> chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    chunks.forEach(chunk -> out.writeBytes(chunk.getData().toByteArray()));
    return out.toByteArray();
  }

  /** How many file descriptors of this JVM point at {@code file} (Linux only). */
  private static long openHandlesTo(Path file) throws IOException {
    Path target = file.toRealPath();
    try (Stream<Path> fds = Files.list(OPEN_FILES)) {
      return fds.filter(fd -> target.equals(linkOf(fd))).count();
    }
  }

  private static Path linkOf(Path fd) {
    try {
      return Files.readSymbolicLink(fd);
    } catch (IOException closedMeanwhile) {
      return null;
    }
  }

  private Path datasetDir() {
    return dataDir.resolve("datasets").resolve(id);
  }

  private Path original() {
    return datasetDir().resolve("original");
  }

  private Path staging() {
    return dataDir.resolve("datasets").resolve(".staging").resolve(id + ".part");
  }
}
