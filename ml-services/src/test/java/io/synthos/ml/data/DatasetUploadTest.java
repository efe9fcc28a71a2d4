package io.synthos.ml.data;

import static io.synthos.ml.GrpcTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.ml.GrpcTestKit;
import io.synthos.ml.data.DataCalls.Reply;
import io.synthos.proto.v1.DatasetInfo;
import io.synthos.proto.v1.DatasetStat;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("Uploading a dataset to the data service")
class DatasetUploadTest {

  private static final int MAX_UPLOAD = 100_000;

  @TempDir Path dataDir;
  private DataCalls data;
  private final String id = UUID.randomUUID().toString();

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    int port = GrpcTestKit.freePort();
    data = new DataCalls(GrpcTestKit.client(vertx), port);
    JsonObject config =
        GrpcTestKit.serviceConfig(port)
            .put("dataDir", dataDir.toString())
            .put("maxUploadBytes", MAX_UPLOAD);
    await(
        vertx.deployVerticle(
            "io.synthos.ml.data.DataServiceVerticle", new DeploymentOptions().setConfig(config)));
  }

  @Test
  @DisplayName(
      "stages chunks, then commit makes them the stored original that Stat and GetDataset show")
  void uploadThenCommit() throws Exception {
    byte[] bytes = bytes(50_000);
    Reply<DatasetStat> staged = await(data.upload(id, bytes, 4096));
    assertThat(staged.status()).isEqualTo(GrpcStatus.OK);
    assertThat(staged.value().getStored()).isFalse();
    assertThat(staged.value().getSizeBytes()).isEqualTo(bytes.length);
    assertThat(await(data.stat(id)).value().getStored()).isFalse();
    assertThat(await(data.stat(id)).value().getStagedBytes()).isEqualTo(bytes.length);

    Reply<DatasetStat> committed = await(data.commit(id, sha256(bytes)));

    assertThat(committed.status()).isEqualTo(GrpcStatus.OK);
    assertThat(committed.value().getStored()).isTrue();
    assertThat(await(data.stat(id)).value().getSizeBytes()).isEqualTo(bytes.length);
    assertThat(await(data.stat(id)).value().getStagedBytes()).isZero();
    DatasetInfo info = await(data.get(id)).value();
    assertThat(info.getStored()).isTrue();
    assertThat(info.getSizeBytes()).isEqualTo(bytes.length);
    assertThat(info.getIngested()).isFalse();
    assertThat(info.getProfileJson()).isEmpty();
    assertThat(Files.readAllBytes(original())).isEqualTo(bytes);
    assertThat(staging()).doesNotExist();
  }

  @Test
  @DisplayName("resumes an upload at the staged size and refuses any other offset, naming the size")
  void resume() throws Exception {
    byte[] bytes = bytes(30_000);
    byte[] head = java.util.Arrays.copyOfRange(bytes, 0, 10_000);
    byte[] tail = java.util.Arrays.copyOfRange(bytes, 10_000, bytes.length);
    assertThat(await(data.upload(id, 0, List.of(head))).status()).isEqualTo(GrpcStatus.OK);

    Reply<DatasetStat> wrong = await(data.upload(id, 5_000, List.of(tail)));
    Reply<DatasetStat> fresh = await(data.upload(id, 0, List.of(bytes)));
    Reply<DatasetStat> resumed = await(data.upload(id, 10_000, List.of(tail)));

    assertThat(wrong.status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
    assertThat(wrong.message()).contains("10000 bytes staged");
    assertThat(fresh.status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
    assertThat(resumed.status()).isEqualTo(GrpcStatus.OK);
    assertThat(resumed.value().getSizeBytes()).isEqualTo(bytes.length);
    assertThat(Files.readAllBytes(staging())).isEqualTo(bytes);
    assertThat(await(data.commit(id, sha256(bytes))).status()).isEqualTo(GrpcStatus.OK);
  }

  @Test
  @DisplayName(
      "refuses a commit whose sha256 does not match with INVALID_ARGUMENT and keeps the staged bytes")
  void shaMismatch() throws Exception {
    byte[] bytes = bytes(1_000);
    await(data.upload(id, bytes, 300));

    Reply<DatasetStat> mismatch = await(data.commit(id, sha256("other".getBytes())));

    assertThat(mismatch.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(mismatch.message()).contains("sha256 mismatch").contains(sha256(bytes));
    assertThat(staging()).exists();
    assertThat(original()).doesNotExist();
    assertThat(await(data.commit(id, sha256(bytes))).status()).isEqualTo(GrpcStatus.OK);
  }

  @Test
  @DisplayName("answers RESOURCE_EXHAUSTED past maxUploadBytes and leaves no staged bytes")
  void capExceeded() throws Exception {
    Reply<DatasetStat> tooBig = await(data.upload(id, bytes(MAX_UPLOAD + 1), 8192));

    assertThat(tooBig.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(tooBig.message()).contains("upload limit of " + MAX_UPLOAD);
    assertThat(staging()).doesNotExist();
    assertThat(await(data.upload(id, bytes(MAX_UPLOAD), 8192)).status()).isEqualTo(GrpcStatus.OK);
  }

  @Test
  @DisplayName("abort deletes the staged bytes, after which a commit has nothing to publish")
  void abort() throws Exception {
    await(data.upload(id, bytes(2_000), 500));
    assertThat(staging()).exists();

    Reply<DatasetStat> aborted = await(data.abort(id));

    assertThat(aborted.status()).isEqualTo(GrpcStatus.OK);
    assertThat(aborted.value().getStored()).isFalse();
    assertThat(staging()).doesNotExist();
    assertThat(await(data.commit(id, "")).status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
  }

  @Test
  @DisplayName("keeps a committed dataset immutable: a second commit or upload is ALREADY_EXISTS")
  void immutable() throws Exception {
    byte[] bytes = bytes(1_000);
    await(data.upload(id, bytes, 1_000));
    await(data.commit(id, ""));

    Reply<DatasetStat> uploadAgain = await(data.upload(id, bytes(10), 10));
    Reply<DatasetStat> commitAgain = await(data.commit(id, ""));

    assertThat(uploadAgain.status()).isEqualTo(GrpcStatus.ALREADY_EXISTS);
    assertThat(commitAgain.status()).isEqualTo(GrpcStatus.ALREADY_EXISTS);
    assertThat(Files.readAllBytes(original())).isEqualTo(bytes);
  }

  @Test
  @DisplayName("refuses a path-like dataset id with INVALID_ARGUMENT on every RPC")
  void badIdEverywhere() throws Exception {
    String bad = "../x";
    List<Reply<?>> replies =
        List.of(
            await(data.stat(bad)),
            await(data.upload(bad, 0, List.of(bytes(10)))),
            await(data.commit(bad, "")),
            await(data.abort(bad)),
            await(data.ingest(bad, "csv", Map.of())),
            await(data.get(bad)),
            await(data.read(bad, List.of(), 0, 0)),
            await(data.download(bad, 0)),
            await(data.delete(bad)));

    assertThat(replies)
        .allSatisfy(
            reply -> {
              assertThat(reply.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
              assertThat(reply.message()).contains("dataset_id must be a UUID");
            });
    try (var files = Files.walk(dataDir)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  private Path original() {
    return dataDir.resolve("datasets").resolve(id).resolve("original");
  }

  private Path staging() {
    return dataDir.resolve("datasets").resolve(".staging").resolve(id + ".part");
  }

  static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    new java.util.Random(size).nextBytes(bytes);
    return bytes;
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
