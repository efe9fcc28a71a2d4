package io.synthos.orchestrator;

import static io.synthos.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.launcher.Role;
import io.synthos.proto.v1.GetPipelineRequest;
import io.synthos.proto.v1.OrchestratorGrpcClient;
import io.synthos.proto.v1.PipelineView;
import io.synthos.proto.v1.SubmitPipelineRequest;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestDatasets;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("integration")
@DisplayName("The orchestrator's gRPC service")
class OrchestratorGrpcTest {

  @RegisterExtension
  static final NodeExtension node =
      new NodeExtension(Map.of(), EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR));

  private final GrpcClient grpc = GrpcClient.client(node.vertx());

  @AfterEach
  void close() throws Exception {
    await(grpc.close());
  }

  private SocketAddress address() {
    return SocketAddress.inetSocketAddress(node.config().grpc().port(), "127.0.0.1");
  }

  private GrpcClientResponse<SubmitPipelineRequest, PipelineView> submit(String token)
      throws Exception {
    // Without a token the call is refused before any dataset is looked at.
    String dataset =
        token == null ? UUID.randomUUID().toString() : TestDatasets.recorded(node, token);
    return submit("authorization", token == null ? null : "Bearer " + token, dataset);
  }

  /**
   * Submits a pipeline of {@code dataset} with the credential {@code value} in the metadata {@code
   * header}.
   */
  private GrpcClientResponse<SubmitPipelineRequest, PipelineView> submit(
      String header, String value, String dataset) throws Exception {
    SubmitPipelineRequest request =
        SubmitPipelineRequest.newBuilder()
            .setKind("validation")
            .setInputJson(new JsonObject().put("dataset_id", dataset).encode())
            .build();
    return await(
        grpc.request(address(), OrchestratorGrpcClient.SubmitPipeline)
            .compose(
                call -> {
                  if (value != null) {
                    call.headers().set(header, value);
                  }
                  return call.send(request);
                }));
  }

  /** A new API key of the token's user, limited to {@code scopes}. */
  private static String apiKey(String token, String... scopes) {
    JsonArray names = new JsonArray();
    for (String scope : scopes) {
      names.add(scope);
    }
    HttpProbe.Response created =
        HttpProbe.postJson(
            node.url("/api/v1/auth/api-keys"),
            new JsonObject().put("name", "grpc").put("scopes", names),
            "Authorization",
            "Bearer " + token);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().getString("key");
  }

  @Test
  @DisplayName("submits a pipeline for the caller, the same one the REST API shows")
  void submit() throws Exception {
    String token = node.newAccessToken();

    GrpcClientResponse<SubmitPipelineRequest, PipelineView> response = submit(token);
    JsonObject pipeline = new JsonObject(await(response.last()).getPipelineJson());

    assertThat(pipeline.getString("kind")).isEqualTo("validation");
    assertThat(
            HttpProbe.get(
                    node.url("/api/v1/pipelines/" + pipeline.getString("id")),
                    "Authorization",
                    "Bearer " + token)
                .status())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("refuses a caller without credentials as UNAUTHENTICATED")
  void unauthenticated() throws Exception {
    GrpcClientResponse<SubmitPipelineRequest, PipelineView> response = submit(null);

    assertThat(response.last().toCompletionStage().toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(20));
    assertThat(response.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
  }

  @Test
  @DisplayName(
      "holds API keys to the scopes of the REST operations: a read-only key cannot submit a"
          + " pipeline (PERMISSION_DENIED) but may read one, a write-only key the other way round")
  void scopes() throws Exception {
    String token = node.newAccessToken();
    String readOnly = apiKey(token, "read");
    String writeOnly = apiKey(token, "write");
    String dataset = TestDatasets.recorded(node, token);

    GrpcClientResponse<SubmitPipelineRequest, PipelineView> submitRead =
        submit("x-api-key", readOnly, dataset);
    GrpcClientResponse<SubmitPipelineRequest, PipelineView> submitWrite =
        submit("authorization", "ApiKey " + writeOnly, dataset);
    GrpcClientResponse<GetPipelineRequest, PipelineView> getRead = get(readOnly);
    GrpcClientResponse<GetPipelineRequest, PipelineView> getWrite = get(writeOnly);

    assertThat(ended(submitRead)).isEqualTo(GrpcStatus.PERMISSION_DENIED);
    assertThat(submitRead.statusMessage()).contains("lacks the 'write' scope");
    assertThat(ended(getWrite)).isEqualTo(GrpcStatus.PERMISSION_DENIED);
    assertThat(getWrite.statusMessage()).contains("lacks the 'read' scope");
    // Let through, they meet what any caller meets: no such pipeline; their own dataset's pipeline.
    assertThat(ended(getRead)).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(ended(submitWrite)).isEqualTo(GrpcStatus.OK);
  }

  /** Asks for a pipeline that does not exist, with an API key. */
  private GrpcClientResponse<GetPipelineRequest, PipelineView> get(String key) throws Exception {
    return await(
        grpc.request(address(), OrchestratorGrpcClient.GetPipeline)
            .compose(
                call -> {
                  call.headers().set("x-api-key", key);
                  return call.send(
                      GetPipelineRequest.newBuilder()
                          .setPipelineId(UUID.randomUUID().toString())
                          .build());
                }));
  }

  /** The status a call ended with, once it has. */
  private static GrpcStatus ended(GrpcClientResponse<?, ?> response) throws Exception {
    response
        .last()
        .transform(done -> Future.succeededFuture())
        .toCompletionStage()
        .toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    return response.status();
  }

  @Test
  @DisplayName("answers malformed input with INVALID_ARGUMENT, not an internal error")
  void malformedInput() throws Exception {
    String token = node.newAccessToken();
    SubmitPipelineRequest request =
        SubmitPipelineRequest.newBuilder().setKind("validation").setInputJson("{not json").build();

    GrpcClientResponse<SubmitPipelineRequest, PipelineView> response =
        await(
            grpc.request(address(), OrchestratorGrpcClient.SubmitPipeline)
                .compose(
                    call -> {
                      call.headers().set("authorization", "Bearer " + token);
                      return call.send(request);
                    }));

    assertThat(response.last().toCompletionStage().toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(20));
    assertThat(response.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
  }

  @Test
  @DisplayName("streams a pipeline's events until it ends")
  void watch() throws Exception {
    String token = node.newAccessToken();
    String id = new JsonObject(await(submit(token).last()).getPipelineJson()).getString("id");
    List<JsonObject> events = new CopyOnWriteArrayList<>();

    // Handlers are attached on the event loop as the response arrives: later, messages are lost.
    Promise<GrpcStatus> ended = Promise.promise();
    grpc.request(address(), OrchestratorGrpcClient.WatchPipeline)
        .compose(
            call -> {
              call.headers().set("authorization", "Bearer " + token);
              return call.send(GetPipelineRequest.newBuilder().setPipelineId(id).build());
            })
        .onSuccess(
            stream -> {
              stream.handler(
                  event -> {
                    events.add(new JsonObject(event.getEventJson()));
                    if (events.size() == 1) {
                      node.vertx()
                          .executeBlocking(
                              () ->
                                  HttpProbe.postJson(
                                      node.url("/api/v1/pipelines/" + id + "/cancel"),
                                      new JsonObject(),
                                      "Authorization",
                                      "Bearer " + token));
                    }
                  });
              stream.endHandler(end -> ended.complete(stream.status()));
            })
        .onFailure(ended::fail);

    assertThat(await(ended.future())).isEqualTo(GrpcStatus.OK);
    assertThat(events.get(0).getString("kind")).isEqualTo("snapshot");
    JsonObject last = events.get(events.size() - 1);
    assertThat(last.getString("kind")).isEqualTo("pipeline");
    assertThat(last.getString("state")).isEqualTo("cancelled");
  }
}
