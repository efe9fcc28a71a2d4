package io.synthos.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.synthos.launcher.Role;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.http.ProblemResponses;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.NodeExtension;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("integration")
@DisplayName("With tracing off (the default)")
class TracingOffTest {

  static final InMemorySpanExporter spans = InMemorySpanExporter.create();

  @RegisterExtension
  static final NodeExtension node =
      new NodeExtension(Map.of(), EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR))
          .tracedTo(spans, Map.of());

  @Test
  @DisplayName("Vert.x runs without a tracer, nothing is exported and jobs store no trace context")
  void nothingTraced() throws Exception {
    assertThat(((VertxInternal) node.vertx()).tracer()).isNull();
    String token = node.newAccessToken();
    HttpProbe.Response job =
        HttpProbe.postJson(
            node.url("/api/v1/jobs"),
            new JsonObject()
                .put("type", "noop")
                .put("priority", "express")
                .put("payload", new JsonObject()),
            "Authorization",
            "Bearer " + token,
            "traceparent",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    assertThat(job.status()).as(job.body()).isEqualTo(202);
    String id = job.json().getString("id");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "succeeded"
                    .equals(
                        HttpProbe.get(
                                node.url("/api/v1/jobs/" + id), "Authorization", "Bearer " + token)
                            .json()
                            .getString("state")));

    assertThat(spans.getFinishedSpanItems()).isEmpty();
    assertThat(storedContext(UUID.fromString(id))).isNull();
  }

  @Test
  @DisplayName("a JSON log line still names its request and user, and no trace")
  void logLineWithoutTrace() {
    String token = node.newAccessToken();
    List<JsonObject> lines;
    try (JsonLogCapture capture = JsonLogCapture.of(ProblemResponses.class)) {
      HttpProbe.Response missing =
          HttpProbe.get(
              node.url("/api/v1/jobs/" + UUID.randomUUID()),
              "Authorization",
              "Bearer " + token,
              "X-Request-Id",
              "untraced-request");
      assertThat(missing.status()).isEqualTo(404);
      lines = capture.lines();
    }
    assertThat(lines)
        .anySatisfy(
            line -> {
              assertThat(line.getString("message")).startsWith("answered 404");
              assertThat(line.getString("request_id")).isEqualTo("untraced-request");
              assertThat(line.getString("user_id")).isNotBlank();
              assertThat(line.containsKey("trace_id")).isFalse();
            });
  }

  private static String storedContext(UUID job) throws Exception {
    PgSettings settings = PgSettings.fromUrl(node.config().database().url());
    try (Connection connection =
            DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        PreparedStatement query =
            connection.prepareStatement("SELECT trace_context FROM jobs WHERE id = ?")) {
      query.setObject(1, job);
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getString(1);
      }
    }
  }
}
