package io.synthos.ml.common;

import static io.synthos.ml.GrpcTestKit.SERVICE_SECRET;
import static io.synthos.ml.GrpcTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.synthos.ml.GrpcTestKit;
import io.synthos.ml.data.DataCalls;
import io.synthos.proto.v1.CollapseGrpcService;
import io.synthos.proto.v1.DataGrpcService;
import io.synthos.proto.v1.DatasetRef;
import io.synthos.proto.v1.DatasetStat;
import io.synthos.proto.v1.ValidateRequest;
import io.synthos.proto.v1.ValidationGrpcClient;
import io.synthos.proto.v1.ValidationGrpcService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The ML services answer only Synthos's own processes: every method of each service's descriptor
 * (so a method added later is covered without touching this test) refuses a call without the
 * service credential or with a wrong one, before it reads or changes anything.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The ML services' credential")
class ServiceCredentialTest {

  /** A wrong credential as long as the right one, differing in its last character only. */
  private static final String ALMOST =
      SERVICE_SECRET.substring(0, SERVICE_SECRET.length() - 1)
          + (SERVICE_SECRET.endsWith("x") ? "y" : "x");

  private static final String OTHER = "another-secret-that-no-synthos-process-holds-0123456789";

  private static final Map<String, ServiceDescriptor> DESCRIPTORS =
      Map.of(
          "data", DataGrpcService.SERVICE_DESCRIPTOR,
          "validation", ValidationGrpcService.SERVICE_DESCRIPTOR,
          "collapse", CollapseGrpcService.SERVICE_DESCRIPTOR);

  @TempDir Path dataDir;
  private final ListAppender<ILoggingEvent> refusals = new ListAppender<>();
  private final Logger guardLog = (Logger) LoggerFactory.getLogger(CredentialGuard.class);
  private Map<String, Integer> ports;
  private GrpcClient stranger;
  private DataCalls data;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    refusals.start();
    guardLog.addAppender(refusals);
    stranger = GrpcTestKit.stranger(vertx);
    int dataPort = await(GrpcTestKit.deployDataService(vertx, dataDir));
    data = new DataCalls(GrpcTestKit.client(vertx), dataPort);
    ports =
        Map.of(
            "data", dataPort,
            "validation", reading(vertx, "validation.ValidationServiceVerticle", dataPort),
            "collapse", reading(vertx, "collapse.CollapseServiceVerticle", dataPort));
  }

  @AfterEach
  void detach() {
    guardLog.detachAppender(refusals);
  }

  private static int reading(Vertx vertx, String verticle, int dataPort) throws Exception {
    return await(
        GrpcTestKit.deployReadingService(
            vertx, "io.synthos.ml." + verticle, dataPort, new JsonObject()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"data", "validation", "collapse"})
  @DisplayName("every method refuses a call without the credential, or with a wrong one")
  void everyMethodRefusesStrangers(String service) throws Exception {
    List<MethodDescriptor> methods = DESCRIPTORS.get(service).getMethods();
    assertThat(methods).as("the generated descriptor's methods").isNotEmpty();
    String prefix = "the " + service + " service answers only Synthos's own processes;";

    for (MethodDescriptor method : methods) {
      for (String credential : Arrays.asList(null, ALMOST, OTHER, "")) {
        GrpcTestKit.Streamed<Buffer> ended = await(call(service, method, credential));

        assertThat(ended.status())
            .as("%s with %s", method.getFullName(), describe(credential))
            .isEqualTo(GrpcStatus.UNAUTHENTICATED);
        assertThat(ended.message())
            .isEqualTo(
                prefix
                    + " this call carries "
                    + (credential == null ? "no" : "a wrong")
                    + " service credential");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"data", "validation", "collapse"})
  @DisplayName("every method lets a call with the credential through to its handler")
  void everyMethodAnswersSynthos(String service) throws Exception {
    for (MethodDescriptor method : DESCRIPTORS.get(service).getMethods()) {
      GrpcTestKit.Streamed<Buffer> ended = await(call(service, method, SERVICE_SECRET));

      // An empty request is bad input to most methods: what matters is that the method answered.
      assertThat(ended.status())
          .as("%s: %s", method.getFullName(), ended.message())
          .isNotNull()
          .isNotIn(GrpcStatus.UNAUTHENTICATED, GrpcStatus.UNIMPLEMENTED);
    }
  }

  @Test
  @DisplayName("a refused call changes nothing: no dataset deleted, no byte staged")
  void refusalsChangeNothing(Vertx vertx) throws Exception {
    String stored = UUID.randomUUID().toString();
    await(data.store(stored, "age,city\n31,Oslo\n42,Lima\n"));
    String uploaded = UUID.randomUUID().toString();
    DataCalls wrong =
        new DataCalls(GrpcTestKit.carrying(GrpcTestKit.stranger(vertx), OTHER), ports.get("data"));
    DataCalls anonymous = new DataCalls(stranger, ports.get("data"));

    DataCalls.Reply<DatasetStat> deletion = await(wrong.delete(stored));
    DataCalls.Reply<DatasetStat> upload =
        await(anonymous.upload(uploaded, "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), 4));

    assertThat(deletion.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
    assertThat(upload.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
    assertThat(await(data.stat(stored)).value().getStored()).as("still stored").isTrue();
    DatasetStat nothing = await(data.stat(uploaded)).value();
    assertThat(nothing.getStored()).isFalse();
    assertThat(nothing.getStagedBytes()).as("bytes staged").isZero();
  }

  @Test
  @DisplayName("an ML service's reads from the data service carry its credential, checked there")
  void readsFromTheDataServiceAreChecked(Vertx vertx) throws Exception {
    String stored = UUID.randomUUID().toString();
    await(data.store(stored, "age,city\n31,Oslo\n42,Lima\n"));
    int misconfigured =
        await(
            GrpcTestKit.deployReadingService(
                vertx,
                "io.synthos.ml.validation.ValidationServiceVerticle",
                ports.get("data"),
                new JsonObject().put("serviceSecret", OTHER)));
    GrpcClient holdsOther = GrpcTestKit.carrying(GrpcTestKit.stranger(vertx), OTHER);

    GrpcTestKit.Streamed<?> outcome =
        await(
            GrpcTestKit.stream(
                holdsOther,
                misconfigured,
                ValidationGrpcClient.Validate,
                ValidateRequest.newBuilder()
                    .setJobId("credential")
                    .setSynthetic(DatasetRef.newBuilder().setDatasetId(stored))
                    .build()));

    // The validation service accepted the call: the data service refused its read.
    assertThat(outcome.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
    assertThat(outcome.message())
        .isEqualTo(
            "the synthetic dataset: the data service answers only Synthos's own processes; this"
                + " call carries a wrong service credential");
  }

  @Test
  @DisplayName("refusals are logged at most once per 10 s per service, never with what was sent")
  void refusalsAreLoggedSparingly() throws Exception {
    long began = System.nanoTime();
    MethodDescriptor stat = DataGrpcService.SERVICE_DESCRIPTOR.findMethodByName("Stat");
    int calls = 30;
    for (int i = 0; i < calls; i++) {
      assertThat(await(call("data", stat, i % 2 == 0 ? OTHER : null)).status())
          .isEqualTo(GrpcStatus.UNAUTHENTICATED);
    }
    long windows = 1 + Duration.ofNanos(System.nanoTime() - began).toSeconds() / 10;

    List<String> lines = refusals.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).hasSizeBetween(1, (int) Math.min(windows, calls - 1));
    assertThat(lines.get(0))
        .startsWith("data service refused synthos.v1.Data/Stat from 127.0.0.1:")
        .endsWith(": a wrong service credential");
    assertThat(String.join("\n", lines)).doesNotContain(OTHER).doesNotContain(SERVICE_SECRET);
  }

  @Test
  @DisplayName("the standard health check stays open: it says only whether the service serves")
  void healthStaysOpen() throws Exception {
    for (Map.Entry<String, ServiceDescriptor> service : DESCRIPTORS.entrySet()) {
      assertThat(
              await(
                      GrpcTestKit.healthCheck(
                          stranger, ports.get(service.getKey()), service.getValue().getFullName()))
                  .getStatus())
          .isEqualTo(ServingStatus.SERVING);
    }
    assertThat(refusals.list).isEmpty();
  }

  @Test
  @DisplayName("a service without a serviceSecret refuses to start, naming the key")
  void needsTheSecret(Vertx vertx) throws Exception {
    JsonObject config = GrpcTestKit.serviceConfig(GrpcTestKit.freePort());
    config.put("dataDir", dataDir.toString()).remove("serviceSecret");

    Future<String> deployment =
        vertx.deployVerticle(
            "io.synthos.ml.data.DataServiceVerticle", new DeploymentOptions().setConfig(config));

    assertThat(deployment.toCompletionStage().toCompletableFuture())
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableThat()
        .withMessageEndingWith("data service: config 'serviceSecret' is required");
  }

  /**
   * Calls {@code method} of {@code service} with one empty message, as anyone can without the
   * generated stubs, carrying {@code credential} when it is not null.
   */
  private Future<GrpcTestKit.Streamed<Buffer>> call(
      String service, MethodDescriptor method, String credential) {
    ServiceMethod<Buffer, Buffer> raw =
        ServiceMethod.client(
            ServiceName.create(method.getService().getFullName()),
            method.getName(),
            GrpcMessageEncoder.IDENTITY,
            GrpcMessageDecoder.IDENTITY);
    GrpcClient client = credential == null ? stranger : GrpcTestKit.carrying(stranger, credential);
    return GrpcTestKit.stream(client, ports.get(service), raw, Buffer.buffer());
  }

  private static String describe(String credential) {
    if (credential == null) {
      return "no credential";
    }
    return credential.isEmpty() ? "an empty credential" : "a wrong credential";
  }
}
