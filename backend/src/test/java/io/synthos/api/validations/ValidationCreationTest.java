package io.synthos.api.validations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.auth.Principal;
import io.synthos.orchestrator.OrchestratorClient;
import io.synthos.orchestrator.pipelines.PipelineRecords.Written;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.http.ProblemException;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestDatasets;
import io.synthos.testing.TestValidations;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A validation, its pipeline and the pipeline's first job are written in one transaction
 * (ARCHITECTURE.md, "The life of a validation", step 2): whatever fails after the validation row is
 * written — the dataset gate, the database — leaves no row of any of them, and an Idempotency-Key
 * sent by several requests at once makes one validation. The node runs no ML service: the rows are
 * what is looked at, not the run.
 */
@Tag("integration")
@DisplayName("Asking for a validation")
class ValidationCreationTest {

  @RegisterExtension static final NodeExtension node = new NodeExtension();

  @Test
  @DisplayName("writes the validation, its pipeline under the same id and its first job")
  void writesAllThree() throws Exception {
    String token = node.newAccessToken();
    String dataset = TestDatasets.recorded(node, token);

    Response created = create(token, new JsonObject().put("dataset_id", dataset));

    assertThat(created.status()).as(created.body()).isEqualTo(202);
    String id = created.json().getString("validation_id");
    String owner = node.userIdOf(token);
    assertThat(column("SELECT owner_id FROM validations WHERE id = ?::uuid", id))
        .containsExactly(owner);
    assertThat(column("SELECT owner_id FROM pipelines WHERE id = ?::uuid", id))
        .containsExactly(owner);
    assertThat(column("SELECT stage FROM jobs WHERE pipeline_id = ?::uuid", id))
        .contains("ingest-check");
  }

  @Test
  @DisplayName("refused by the dataset gate, leaves no validation, pipeline or job")
  void gateRefusalLeavesNothing() throws Exception {
    String token = node.newAccessToken();
    String mine = TestDatasets.recorded(node, token);
    String theirs = TestDatasets.recorded(node, node.newAccessToken());

    // The gate runs after the validation row is written, in the same transaction.
    Response refused =
        create(
            token,
            new JsonObject().put("dataset_id", mine).put("reference_dataset_id", theirs),
            "Idempotency-Key",
            "refused-" + UUID.randomUUID());

    assertThat(refused.status()).as(refused.body()).isEqualTo(404);
    assertThat(refused.json().getString("type")).isEqualTo("/problems/dataset-not-found");
    assertNothingOf(node.userIdOf(token));
  }

  @Test
  @DisplayName("cut off by the database after the validation and pipeline rows, leaves neither")
  void databaseFailureLeavesNothing() throws Exception {
    String token = node.newAccessToken();
    String owner = node.userIdOf(token);
    String dataset = TestDatasets.recorded(node, token);
    String key = "disk-full-" + UUID.randomUUID();
    JsonObject body = new JsonObject().put("dataset_id", dataset);
    // The first job's insert fails as a full disk would: after the validation row and the
    // pipeline row were written in the same transaction.
    execute(
        "CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS"
            + " $$ BEGIN RAISE EXCEPTION 'no space left' USING ERRCODE = 'disk_full'; END $$");
    execute(
        "CREATE TRIGGER disk_full BEFORE INSERT ON jobs FOR EACH ROW WHEN (NEW.owner_id = '"
            + owner
            + "'::uuid) EXECUTE FUNCTION disk_full()");
    Response failed;
    try {
      failed = create(token, body, "Idempotency-Key", key);
    } finally {
      execute("DROP TRIGGER disk_full ON jobs");
      execute("DROP FUNCTION disk_full()");
    }

    assertThat(failed.status()).as(failed.body()).isEqualTo(503);
    assertNothingOf(owner);
    // Nothing holds the key either: the same request, asked again, is made in full.
    Response again = create(token, body, "Idempotency-Key", key);
    assertThat(again.status()).as(again.body()).isEqualTo(202);
    String id = again.json().getString("validation_id");
    assertThat(column("SELECT id FROM pipelines WHERE owner_id = ?::uuid", owner))
        .containsExactly(id);
  }

  @Test
  @DisplayName("with one Idempotency-Key from many requests at once, makes one validation")
  void oneKeyAtOnce() throws Exception {
    String token = node.newAccessToken();
    String owner = node.userIdOf(token);
    String dataset = TestDatasets.recorded(node, token);
    byte[] body =
        new JsonObject().put("dataset_id", dataset).encode().getBytes(StandardCharsets.UTF_8);
    String key = "at-once-" + UUID.randomUUID();

    List<CompletableFuture<Response>> sent = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      sent.add(
          HttpProbe.sendAsync(
              "POST",
              node.url("/api/v1/validations/create"),
              body,
              "Authorization",
              "Bearer " + token,
              "Content-Type",
              "application/json",
              "Idempotency-Key",
              key));
    }
    Set<String> answered = new HashSet<>();
    for (CompletableFuture<Response> response : sent) {
      Response done = response.get(60, TimeUnit.SECONDS);
      assertThat(done.status()).as(done.body()).isEqualTo(202);
      answered.add(done.json().getString("validation_id"));
    }

    assertThat(answered).hasSize(1);
    assertThat(column("SELECT id FROM validations WHERE owner_id = ?::uuid", owner))
        .containsExactlyElementsOf(answered);
    assertThat(column("SELECT id FROM pipelines WHERE owner_id = ?::uuid", owner))
        .containsExactlyElementsOf(answered);
  }

  @Test
  @DisplayName(
      "that lost the race for its Idempotency-Key inside the transaction, answers the winner's"
          + " validation, or 422 for another request")
  void keyTakenInsideTheTransaction() throws Exception {
    Pool pool = PgSettings.fromUrl(node.config().database().url()).pool(node.vertx(), 2);
    try {
      ValidationRecords records = new ValidationRecords();
      UUID owner = UUID.randomUUID();
      JsonObject request = new JsonObject().put("dataset_id", UUID.randomUUID().toString());
      JsonObject record = new JsonObject().put("request", request).put("idempotency_key", "raced");
      UUID first = UUID.randomUUID();
      Written won =
          await(pool.withTransaction(tx -> records.write(tx, first, owner, record, Instant.now())));

      Written same =
          await(
              pool.withTransaction(
                  tx -> records.write(tx, UUID.randomUUID(), owner, record, Instant.now())));
      JsonObject other =
          record.copy().put("request", request.copy().put("target_column", "member"));
      Future<Written> different =
          pool.withTransaction(
              tx -> records.write(tx, UUID.randomUUID(), owner, other, Instant.now()));

      assertThat(won.created()).isTrue();
      assertThat(same.created()).isFalse();
      assertThat(same.record().getString("validation_id")).isEqualTo(first.toString());
      assertThatThrownBy(() -> await(different))
          .cause()
          .isInstanceOfSatisfying(
              ProblemException.class,
              problem -> assertThat(problem.problem().slug()).isEqualTo("idempotency-key-reused"));
      assertThat(column("SELECT id FROM validations WHERE owner_id = ?::uuid", owner.toString()))
          .containsExactly(first.toString());
    } finally {
      await(pool.close());
    }
  }

  @Test
  @DisplayName("refuses a record for a kind of pipeline no resource keeps one of")
  void recordOfAnotherKind() throws Exception {
    String token = node.newAccessToken();
    String owner = node.userIdOf(token);
    String dataset = TestDatasets.recorded(node, token);
    Principal caller = new Principal(UUID.fromString(owner), Principal.USER, null, null, Map.of());

    Future<JsonObject> asked =
        new OrchestratorClient(node.vertx())
            .createRecordedPipeline(
                caller,
                "full",
                new JsonObject().put("input", new JsonObject().put("dataset_id", dataset)),
                new JsonObject().put("request", new JsonObject().put("dataset_id", dataset)));

    assertThatThrownBy(() -> await(asked))
        .cause()
        .isInstanceOfSatisfying(
            ProblemException.class,
            problem -> assertThat(problem.problem().status()).isEqualTo(400));
    assertNothingOf(owner);
  }

  private static void assertNothingOf(String owner) throws SQLException {
    assertThat(column("SELECT id FROM validations WHERE owner_id = ?::uuid", owner)).isEmpty();
    assertThat(column("SELECT id FROM pipelines WHERE owner_id = ?::uuid", owner)).isEmpty();
    assertThat(column("SELECT id FROM jobs WHERE owner_id = ?::uuid", owner)).isEmpty();
  }

  private static Response create(String token, JsonObject body, String... headers) {
    return TestValidations.ask(node, token, body, headers);
  }

  /** The first column of the rows {@code sql} selects with its one parameter. */
  private static List<String> column(String sql, String parameter) throws SQLException {
    try (Connection connection = node.jdbc();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, parameter);
      try (ResultSet rows = query.executeQuery()) {
        List<String> values = new ArrayList<>();
        while (rows.next()) {
          values.add(rows.getString(1));
        }
        return values;
      }
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = node.jdbc();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
