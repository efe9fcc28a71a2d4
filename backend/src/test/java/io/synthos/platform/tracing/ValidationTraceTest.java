package io.synthos.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.synthos.platform.db.PgSettings;
import io.synthos.platform.http.ProblemResponses;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.NodeExtension;
import io.synthos.testing.TestDatasets;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tracing across a whole validation: HTTP, event bus, the stored job context, gRPC and SQL. */
@Tag("integration")
@Tag("slow")
@DisplayName("With tracing on")
class ValidationTraceTest {

  static final InMemorySpanExporter spans = InMemorySpanExporter.create();

  @RegisterExtension
  static final NodeExtension node =
      NodeExtension.allServices().tracedTo(spans, Map.of("ENABLE_TRACING", "true"));

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";

  @BeforeEach
  void reset() {
    spans.reset();
  }

  @Test
  @DisplayName("one validation submitted over HTTP is one trace, jobs included, under the caller's")
  void oneTrace() throws Exception {
    String token = node.newAccessToken();
    String dataset = TestDatasets.ready(node, token, "traced.csv", TestDatasets.people(80, 5));
    spans.reset();

    HttpProbe.Response created =
        HttpProbe.postJson(
            node.url("/api/v1/validations/create"),
            new JsonObject()
                .put("dataset_id", dataset)
                .put("options", new JsonObject().put("priority", "express")),
            "Authorization",
            "Bearer " + token,
            "traceparent",
            "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01");
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    String validation = created.json().getString("validation_id");
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                "completed"
                    .equals(
                        HttpProbe.get(
                                node.url("/api/v1/validations/" + validation),
                                "Authorization",
                                "Bearer " + token)
                            .json()
                            .getString("status")));
    // The report stage is the last job: wait for its run to be exported.
    await().atMost(Duration.ofSeconds(30)).until(() -> jobRuns().size() >= 4);

    List<SpanData> trace = inTrace(TRACE_ID);
    String all = describe(spans.getFinishedSpanItems());
    SpanData http =
        only(
            trace,
            span -> span.getKind() == SpanKind.SERVER && span.getParentSpanId().equals(CALLER_SPAN),
            all);
    // The event-bus hop to the orchestrator, both ends, then its SQL.
    assertThat(trace)
        .as(all)
        .anyMatch(span -> busSpan(span, SpanKind.CLIENT, "orchestrator.pipelines.create"))
        .anyMatch(span -> busSpan(span, SpanKind.SERVER, "orchestrator.pipelines.create"));
    assertThat(trace).as(all).anyMatch(span -> attribute(span, "db.system") != null);

    List<SpanData> runs = jobRuns();
    assertThat(runs).as(all).allMatch(run -> run.getTraceId().equals(TRACE_ID));
    assertThat(runs.stream().map(run -> attribute(run, "job.kind")).collect(Collectors.toSet()))
        .as(all)
        .contains("data.check", "validation.validate", "report.assemble");
    Set<String> ids = trace.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
    for (SpanData run : runs) {
      // Its parent is the span that enqueued it, stored with the job.
      assertThat(ids).as(all).contains(run.getParentSpanId());
      assertThat(attribute(run, "job.id")).isNotBlank();
      assertThat(attribute(run, "job.attempt")).isEqualTo("1");
    }

    List<SpanData> grpc =
        trace.stream().filter(span -> "grpc".equals(attribute(span, "rpc.system"))).toList();
    assertThat(grpc)
        .as(all)
        .anyMatch(
            span ->
                "synthos.v1.Validation".equals(attribute(span, "rpc.service"))
                    && "Validate".equals(attribute(span, "rpc.method"))
                    && span.getKind() == SpanKind.CLIENT);
    Set<String> runIds = runs.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
    assertThat(grpc).as(all).allMatch(span -> runIds.contains(span.getParentSpanId()));
    // The ML service's own server span hangs under the call (through the HTTP/2 client span).
    assertThat(trace)
        .as(all)
        .anyMatch(
            span ->
                span.getKind() == SpanKind.SERVER
                    && span != http
                    && String.valueOf(
                            attribute(span, "url.path")
                                + attribute(span, "http.target")
                                + span.getName())
                        .contains("Validate"));

    assertThat(storedContexts()).isNotEmpty().allMatch(context -> context.contains(TRACE_ID));
  }

  @Test
  @DisplayName("a request without traceparent starts its own trace, shared by its event-bus hops")
  void ownTrace() {
    String token = node.newAccessToken();
    spans.reset();
    HttpProbe.Response me =
        HttpProbe.get(node.url("/api/v1/auth/me"), "Authorization", "Bearer " + token);
    assertThat(me.status()).isEqualTo(200);
    // Spans of earlier requests may still end after the reset: pick this request's.
    Predicate<SpanData> thisOne =
        span ->
            span.getKind() == SpanKind.SERVER
                && "/api/v1/auth/me".equals(attribute(span, "url.path"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> spans.getFinishedSpanItems().stream().anyMatch(thisOne));
    String all = describe(spans.getFinishedSpanItems());
    SpanData http = only(spans.getFinishedSpanItems(), thisOne, all);
    assertThat(http.getParentSpanContext().isValid()).isFalse();
    assertThat(http.getTraceId()).isNotEqualTo(TRACE_ID);
    // The token is checked in the API (a new user's first request is counted by a Redis script),
    // the account asked of the auth verticle.
    assertThat(inTrace(http.getTraceId()))
        .as(all)
        .anyMatch(span -> "evalsha".equals(attribute(span, "db.operation.name")))
        .anyMatch(span -> busSpan(span, SpanKind.SERVER, "auth.account"));
  }

  @Test
  @DisplayName(
      "a JSON log line written while handling a request carries its trace, request and user")
  void logLine() throws Exception {
    String token = node.newAccessToken();
    String user =
        HttpProbe.get(node.url("/api/v1/auth/me"), "Authorization", "Bearer " + token)
            .json()
            .getString("id");
    String requestId = "req-" + UUID.randomUUID();
    List<JsonObject> lines;
    try (JsonLogCapture capture = JsonLogCapture.of(ProblemResponses.class)) {
      HttpProbe.Response missing =
          HttpProbe.get(
              node.url("/api/v1/validations/" + UUID.randomUUID()),
              "Authorization",
              "Bearer " + token,
              "X-Request-Id",
              requestId,
              "traceparent",
              "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01");
      assertThat(missing.status()).isEqualTo(404);
      lines = capture.lines();
    }
    JsonObject line =
        lines.stream()
            .filter(json -> json.getString("message", "").startsWith("answered 404"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no line in " + lines));
    assertThat(line.getString("trace_id")).isEqualTo(TRACE_ID);
    assertThat(line.getString("span_id")).matches("[0-9a-f]{16}").isNotEqualTo(CALLER_SPAN);
    assertThat(line.getString("request_id")).isEqualTo(requestId);
    assertThat(line.getString("user_id")).isEqualTo(user);
    assertThat(line.encode()).doesNotContain(token);
  }

  @Test
  @DisplayName("concurrent requests on shared event loops never lend each other their ids in logs")
  void noLeaksBetweenRequests() throws Exception {
    String token = node.newAccessToken();
    int count = 40;
    List<JsonObject> lines;
    try (JsonLogCapture capture = JsonLogCapture.of(ProblemResponses.class)) {
      List<java.util.concurrent.CompletableFuture<HttpProbe.Response>> calls = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String trace = String.format("%032x", 1000 + i);
        calls.add(
            HttpProbe.sendAsync(
                "GET",
                node.url("/api/v1/validations/" + UUID.randomUUID()),
                new byte[0],
                "Authorization",
                "Bearer " + token,
                "X-Request-Id",
                "req-" + trace,
                "traceparent",
                "00-" + trace + "-" + CALLER_SPAN + "-01"));
      }
      for (var call : calls) {
        assertThat(call.get().status()).isEqualTo(404);
      }
      lines = capture.lines();
    }
    List<JsonObject> answered =
        lines.stream()
            .filter(json -> json.getString("message", "").startsWith("answered 404"))
            .toList();
    assertThat(answered).hasSize(count);
    // Each line's request id is the one sent with its trace: nothing crossed over.
    assertThat(answered)
        .allSatisfy(
            line ->
                assertThat(line.getString("request_id"))
                    .isEqualTo("req-" + line.getString("trace_id")));
    assertThat(answered.stream().map(line -> line.getString("trace_id")).distinct()).hasSize(count);
  }

  @Test
  @DisplayName("an upload URL, its own credential, never reaches a span")
  void uploadTokenRedacted() {
    String token = node.newAccessToken();
    String csv = TestDatasets.people(20, 9);
    HttpProbe.Response upload =
        HttpProbe.postJson(
            node.url("/api/v1/datasets/upload"),
            new JsonObject().put("name", "secret.csv").put("size_bytes", csv.length()),
            "Authorization",
            "Bearer " + token);
    assertThat(upload.status()).as(upload.body()).isEqualTo(201);
    String url = upload.json().getString("upload_url");
    String secret = url.substring(url.lastIndexOf('/') + 1);
    spans.reset();
    HttpProbe.Response put =
        HttpProbe.send(
            "PUT",
            url,
            csv.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "Content-Type",
            "text/csv");
    assertThat(put.status()).as(put.body()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                spans.getFinishedSpanItems().stream()
                    .anyMatch(span -> span.getKind() == SpanKind.SERVER));
    String all = describe(spans.getFinishedSpanItems());
    assertThat(all).doesNotContain(secret).contains("/api/v1/datasets/uploads/{token}");
  }

  private static boolean busSpan(SpanData span, SpanKind kind, String address) {
    return span.getKind() == kind
        && "vertx-eventbus".equals(attribute(span, "messaging.system"))
        && address.equals(attribute(span, "messaging.destination.name"));
  }

  private static List<SpanData> jobRuns() {
    return spans.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals("job.run"))
        .toList();
  }

  private static List<SpanData> inTrace(String traceId) {
    return spans.getFinishedSpanItems().stream()
        .filter(span -> span.getTraceId().equals(traceId))
        .toList();
  }

  private static SpanData only(List<SpanData> spans, Predicate<SpanData> which, String all) {
    List<SpanData> found = spans.stream().filter(which).toList();
    assertThat(found).as(all).hasSize(1);
    return found.get(0);
  }

  private static String attribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  private static String describe(List<SpanData> spans) {
    StringBuilder text = new StringBuilder("spans:\n");
    for (SpanData span : spans) {
      text.append(span.getTraceId(), 0, 8)
          .append(' ')
          .append(span.getSpanId())
          .append(" <- ")
          .append(span.getParentSpanId())
          .append(' ')
          .append(span.getKind())
          .append(' ')
          .append(span.getName())
          .append(' ')
          .append(span.getAttributes())
          .append('\n');
    }
    return text.toString();
  }

  private static List<String> storedContexts() throws Exception {
    PgSettings settings = PgSettings.fromUrl(node.config().database().url());
    List<String> contexts = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT trace_context FROM jobs WHERE pipeline_id IS NOT NULL")) {
      while (rows.next()) {
        contexts.add(String.valueOf(rows.getString(1)));
      }
    }
    return contexts;
  }
}
