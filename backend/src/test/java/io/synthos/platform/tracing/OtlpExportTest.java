package io.synthos.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.launcher.Role;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.TestNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real exporter, against a stand-in OTLP/HTTP collector. */
@Tag("integration")
@DisplayName("The OTLP exporter")
class OtlpExportTest {

  private final List<String> received = new CopyOnWriteArrayList<>();
  private Vertx collectorVertx;
  private HttpServer collector;

  @BeforeEach
  void collector() throws Exception {
    collectorVertx = Vertx.vertx();
    collector =
        collectorVertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              received.add(
                                  request.path()
                                      + " "
                                      + request.getHeader("Content-Type")
                                      + " "
                                      + body.toString(StandardCharsets.ISO_8859_1));
                              request
                                  .response()
                                  .putHeader("Content-Type", "application/x-protobuf")
                                  .end(Buffer.buffer());
                            }))
            .listen(0, "127.0.0.1")
            .await();
  }

  @AfterEach
  void stop() {
    collectorVertx.close().await();
  }

  @Test
  @DisplayName("sends the spans still buffered when the node stops, to OTEL_EXPORTER_OTLP_ENDPOINT")
  void flushesOnClose() throws Exception {
    TestNode node =
        TestNode.start(
            Map.of(
                "ENABLE_TRACING", "true",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.actualPort(),
                "OTEL_SERVICE_NAME", "synthos-export-test"),
            EnumSet.of(Role.API, Role.AUTH));
    try {
      assertThat(HttpProbe.get(node.url("/health")).status()).isEqualTo(200);
    } finally {
      // The batch processor waits 5 s before sending: only the flush on close sends this soon.
      node.close();
    }
    assertThat(received)
        .anySatisfy(
            request ->
                assertThat(request)
                    .startsWith("/v1/traces application/x-protobuf")
                    .contains("synthos-export-test")
                    .contains("/health"));
  }
}
