package io.synthos.security;

import static io.synthos.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.orchestrator.jobs.JobType;
import io.synthos.orchestrator.pipelines.PipelineKind;
import io.synthos.proto.v1.OrchestratorGrpcClient;
import io.synthos.proto.v1.PipelineView;
import io.synthos.proto.v1.SubmitPipelineRequest;
import io.synthos.security.ContractDatasetMembers.Member;
import io.synthos.security.ContractDatasetMembers.Shape;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestDatasets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Broken object-level authorisation through request bodies: user B names user A's datasets in every
 * body member of the contract that holds a dataset id ({@code *dataset_id*}, {@code generations}),
 * one member at a time and all at once, for every operation and every job type's payload, and
 * through the orchestrator's gRPC {@code SubmitPipeline}. Each answers exactly as an id that does
 * not exist (404 {@code dataset-not-found}), nothing is queued, and A's data is as it was. The
 * members are read from the contract the router is built from, so a new one is tried the day it is
 * added. The same bodies with B's own datasets are accepted, so a refusal can only be the check.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Dataset ids in bodies: someone else's")
class DatasetReferencesTest {

  private static final String ADMIN_PASSWORD = "bootstrap-Admin-pass-77";

  @RegisterExtension
  static final NodeExtension node =
      new NodeExtension(
          merged(
              NodeExtension.POOLS, Map.of("ADMIN_USER", "admin", "ADMIN_PASSWORD", ADMIN_PASSWORD)),
          NodeExtension.SERVICES);

  private static final ContractDatasetMembers contract = ContractDatasetMembers.read();
  private static final List<String> datasetsOfA = new ArrayList<>();
  private static final List<String> datasetsOfB = new ArrayList<>();
  private static String tokenA;
  private static String tokenB;
  private static String userA;
  private static String userB;
  private static List<Map<String, Object>> recordsOfA;
  private static long jobsOfA;
  private static GrpcClient grpc;

  @BeforeAll
  static void datasets() throws Exception {
    tokenA = node.newAccessToken();
    tokenB = node.newAccessToken();
    userA = userOf(tokenA);
    userB = userOf(tokenB);
    for (int i = 0; i < 4; i++) {
      datasetsOfA.add(
          TestDatasets.ready(node, tokenA, "a" + i + ".csv", TestDatasets.people(120, i)));
      datasetsOfB.add(
          TestDatasets.ready(node, tokenB, "b" + i + ".csv", TestDatasets.people(120, 10 + i)));
    }
    recordsOfA = rows("SELECT * FROM datasets WHERE id IN " + in(datasetsOfA) + " ORDER BY id");
    jobsOfA = count("SELECT count(*) FROM jobs WHERE owner_id = '" + userA + "'");
    grpc = GrpcClient.client(node.vertx());
  }

  @AfterAll
  static void closeGrpc() throws Exception {
    await(grpc.close());
  }

  @Test
  @Order(1)
  @DisplayName("the contract names dataset ids in the bodies this test tries")
  void contractHasMembers() {
    Map<Shape, List<Member>> found = contract.members();
    assertThat(found.keySet().stream().map(Shape::operationId))
        .contains(
            "submitJob", "createValidationPipeline", "createFullPipeline", "createValidation");
    assertThat(found.keySet().stream().map(Shape::jobType))
        .contains("data.check", "validation.validate", "collapse.analyse");
    assertThat(found.values().stream().flatMap(List::stream).map(Member::toString))
        .contains(
            "dataset_id",
            "reference_dataset_id",
            "holdout_dataset_id",
            "generations[]",
            "payload.dataset_id",
            "payload.generations[]",
            "input.dataset_id",
            "input.generations[]");
  }

  @Test
  @Order(1)
  @DisplayName("each job type and pipeline checks exactly the dataset members its contract names")
  void declarationsMatchTheContract() {
    contract
        .members()
        .forEach(
            (shape, members) -> {
              Set<String> named = new TreeSet<>();
              members.forEach(member -> named.add(member.path().get(member.path().size() - 1)));
              if (shape.jobType() != null) {
                assertThat(
                        new TreeSet<>(JobType.of(shape.jobType()).orElseThrow().datasets().names()))
                    .as(shape.toString())
                    .isEqualTo(named);
              } else if (shape.path().startsWith("/api/v1/pipelines/")) {
                PipelineKind kind =
                    PipelineKind.of(shape.path().substring("/api/v1/pipelines/".length()));
                assertThat(new TreeSet<>(kind.datasets().names()))
                    .as(shape.toString())
                    .isEqualTo(named);
              }
            });
  }

  @TestFactory
  @Order(2)
  @DisplayName("every body member holding a dataset id refuses A's id to B, as an unknown id")
  Stream<DynamicTest> everyMember() {
    List<DynamicTest> tests = new ArrayList<>();
    contract
        .members()
        .forEach(
            (shape, members) -> {
              tests.add(
                  DynamicTest.dynamicTest(
                      shape + ": B's own datasets are accepted", () -> acceptedForB(shape)));
              for (Member member : members) {
                tests.add(
                    DynamicTest.dynamicTest(
                        shape + ": " + member, () -> refused(shape, List.of(member))));
              }
              tests.add(
                  DynamicTest.dynamicTest(
                      shape + ": every member at once", () -> refused(shape, members)));
            });
    return tests.stream();
  }

  @TestFactory
  @Order(3)
  @DisplayName("gRPC SubmitPipeline refuses A's id to B in every member of a pipeline's input")
  Stream<DynamicTest> grpcSubmitPipeline() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String kind : List.of("validation", "full")) {
      Shape shape = shapeOf("createValidationPipeline");
      List<Member> members = contract.members().get(shape);
      tests.add(
          DynamicTest.dynamicTest(
              kind + ": B's own datasets are accepted",
              () ->
                  assertThat(submitPipeline(kind, input(shape, List.of())))
                      .isEqualTo(GrpcStatus.OK)));
      for (Member member : members) {
        tests.add(
            DynamicTest.dynamicTest(
                kind
                    + ": input."
                    + String.join(".", member.path().subList(1, member.path().size())),
                () -> grpcRefused(kind, shape, List.of(member))));
      }
      tests.add(
          DynamicTest.dynamicTest(
              kind + ": every member at once", () -> grpcRefused(kind, shape, members)));
    }
    return tests.stream();
  }

  @Test
  @Order(4)
  @DisplayName("lists filtered by A's dataset id show B nothing of A's")
  void queryFilters() {
    List<String> filters = contract.queryFilters();
    assertThat(filters).as("lists filtered by a dataset in the contract").hasSizeGreaterThan(1);
    for (String path : filters) {
      Response answer = getB(path + datasetsOfA.get(0));
      assertThat(answer.status()).as(path + " → " + answer.body()).isEqualTo(200);
      for (String id : datasetsOfA) {
        assertThat(answer.body()).as(path).doesNotContain(id);
      }
    }
  }

  @Test
  @Order(5)
  @DisplayName("an admin keeps the reach to every user's datasets")
  void adminReach() {
    String admin = adminToken();
    Response job =
        HttpProbe.postJson(
            node.url("/api/v1/jobs"),
            new JsonObject()
                .put("type", "data.check")
                .put("priority", "batch")
                .put("payload", new JsonObject().put("dataset_id", datasetsOfA.get(0))),
            "Authorization",
            "Bearer " + admin);
    assertThat(job.status()).as(job.body()).isEqualTo(202);
  }

  @Test
  @Order(6)
  @DisplayName("leaves A's datasets and jobs as they were")
  void nothingOfAChanged() throws Exception {
    assertThat(rows("SELECT * FROM datasets WHERE id IN " + in(datasetsOfA) + " ORDER BY id"))
        .isEqualTo(recordsOfA);
    assertThat(count("SELECT count(*) FROM jobs WHERE owner_id = '" + userA + "'"))
        .isEqualTo(jobsOfA);
  }

  private static void acceptedForB(Shape shape) {
    Response answer = send(shape, contract.body(shape, cycle(datasetsOfB)));
    assertThat(answer.status()).as(shape + " → " + answer.body()).isEqualTo(202);
  }

  /** B's body with A's ids in {@code members}: a 404 like an unknown id's, and nothing queued. */
  private static void refused(Shape shape, List<Member> members) throws Exception {
    long before = workOfB();
    JsonObject withA = contract.body(shape, cycle(datasetsOfB));
    JsonObject withUnknown = withA.copy();
    Iterator<String> ofA = datasetsOfA.iterator();
    String unknown = UUID.randomUUID().toString();
    for (Member member : members) {
      String id = ofA.next();
      ContractDatasetMembers.set(withA, member, member.list() ? mixed(id) : id);
      ContractDatasetMembers.set(withUnknown, member, member.list() ? mixed(unknown) : unknown);
    }

    Response answer = send(shape, withA);
    Response unknownAnswer = send(shape, withUnknown);

    assertThat(answer.status()).as(shape + " " + members + " → " + answer.body()).isEqualTo(404);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    JsonObject problem = answer.json();
    JsonObject expected = unknownAnswer.json();
    assertThat(problem.getString("type")).isEqualTo("/problems/dataset-not-found");
    assertThat(problem.getString("title")).isEqualTo(expected.getString("title"));
    assertThat(answer.status()).isEqualTo(unknownAnswer.status());
    assertThat(problem.getString("detail").replace(datasetsOfA.get(0), unknown))
        .as("the same words as for an id that does not exist")
        .isEqualTo(expected.getString("detail"));
    assertThat(workOfB()).as("nothing queued for B").isEqualTo(before);
  }

  private static void grpcRefused(String kind, Shape shape, List<Member> members) throws Exception {
    long before = workOfB();
    assertThat(submitPipeline(kind, input(shape, members))).isEqualTo(GrpcStatus.NOT_FOUND);
    assertThat(workOfB()).as("nothing queued for B").isEqualTo(before);
  }

  /** The pipeline input of B's body, with A's ids in {@code members}. */
  private static JsonObject input(Shape shape, List<Member> members) {
    JsonObject body = contract.body(shape, cycle(datasetsOfB));
    Iterator<String> ofA = datasetsOfA.iterator();
    for (Member member : members) {
      String id = ofA.next();
      ContractDatasetMembers.set(body, member, member.list() ? mixed(id) : id);
    }
    return body.getJsonObject("input");
  }

  private static GrpcStatus submitPipeline(String kind, JsonObject input) throws Exception {
    SubmitPipelineRequest request =
        SubmitPipelineRequest.newBuilder()
            .setKind(kind)
            .setPriority("batch")
            .setInputJson(input.encode())
            .build();
    GrpcClientResponse<SubmitPipelineRequest, PipelineView> response =
        grpc.request(
                SocketAddress.inetSocketAddress(node.config().grpc().port(), "127.0.0.1"),
                OrchestratorGrpcClient.SubmitPipeline)
            .compose(
                call -> {
                  call.headers().set("authorization", "Bearer " + tokenB);
                  return call.send(request);
                })
            .toCompletionStage()
            .toCompletableFuture()
            .get(20, TimeUnit.SECONDS);
    try {
      response.last().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException refused) {
      // The status says why.
    }
    return response.status();
  }

  /** A list holding one of B's datasets and then {@code id}: one bad entry spoils the list. */
  private static JsonArray mixed(String id) {
    return new JsonArray().add(datasetsOfB.get(0)).add(id);
  }

  private static Response send(Shape shape, JsonObject body) {
    return HttpProbe.send(
        shape.method(),
        node.url(shape.path()),
        body.encode().getBytes(StandardCharsets.UTF_8),
        "Authorization",
        "Bearer " + tokenB,
        "Content-Type",
        "application/json");
  }

  private static Response getB(String path) {
    return HttpProbe.get(node.url(path), "Authorization", "Bearer " + tokenB);
  }

  private static String userOf(String token) {
    return HttpProbe.get(node.url("/api/v1/auth/me"), "Authorization", "Bearer " + token)
        .json()
        .getString("id");
  }

  private static Shape shapeOf(String operationId) {
    return contract.members().keySet().stream()
        .filter(shape -> shape.operationId().equals(operationId))
        .findFirst()
        .orElseThrow();
  }

  /** B's pipelines, stand-alone jobs and validations: what a request could have queued. */
  private static long workOfB() throws SQLException {
    return count(
        "SELECT (SELECT count(*) FROM pipelines WHERE owner_id = '"
            + userB
            + "')"
            + " + (SELECT count(*) FROM jobs WHERE owner_id = '"
            + userB
            + "' AND pipeline_id IS NULL)"
            + " + (SELECT count(*) FROM validations WHERE owner_id = '"
            + userB
            + "')");
  }

  /** The ids one after the other, from the first again after the last. */
  private static Supplier<String> cycle(List<String> ids) {
    int[] next = {0};
    return () -> ids.get(next[0]++ % ids.size());
  }

  private static String adminToken() {
    JsonObject login = new JsonObject().put("email", "admin").put("password", ADMIN_PASSWORD);
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> HttpProbe.postJson(node.url("/api/v1/auth/login"), login),
            answer -> answer.status() == 200)
        .json()
        .getString("access_token");
  }

  private static String in(List<String> ids) {
    return "('" + String.join("','", ids) + "')";
  }

  private static long count(String sql) throws SQLException {
    try (Connection connection = node.jdbc();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static List<Map<String, Object>> rows(String sql) throws SQLException {
    try (Connection connection = node.jdbc();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<Map<String, Object>> all = new ArrayList<>();
      while (rows.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
          row.put(rows.getMetaData().getColumnName(i), String.valueOf(rows.getObject(i)));
        }
        all.add(row);
      }
      return all;
    }
  }

  private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
    Map<String, String> all = new HashMap<>(a);
    all.putAll(b);
    return Map.copyOf(all);
  }
}
