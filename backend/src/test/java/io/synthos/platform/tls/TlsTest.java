package io.synthos.platform.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.synthos.launcher.Launcher;
import io.synthos.launcher.Role;
import io.synthos.launcher.RunningNode;
import io.synthos.platform.config.ConfigLoader;
import io.synthos.platform.config.SynthosConfig;
import io.synthos.testing.TestConfigs;
import io.synthos.testing.TestInfra;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@DisplayName("A node with a TLS certificate")
class TlsTest {

  @TempDir Path dir;
  private RunningNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  @DisplayName("serves the API and dashboard over HTTPS with HSTS, and its gRPC links over TLS")
  void https() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
    Map<String, String> env = TestConfigs.freePorts();
    env.put("DATABASE_URL", TestInfra.get().freshDatabase().value());
    env.put("REDIS_URL", TestInfra.get().redisUrl());
    env.put("SYNTHOS_DATA_DIR", dir.resolve("data").toString());
    env.put("TLS_CERT_FILE", certificate.certFile().toString());
    env.put("TLS_KEY_FILE", certificate.keyFile().toString());
    // The ML services' addresses name 127.0.0.1, which the certificate covers.
    SynthosConfig config = ConfigLoader.load(Optional.empty(), env);
    node = Launcher.start(config, EnumSet.allOf(Role.class));
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(certificate.trustingContext())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String api = "https://localhost:" + config.http().port();

    // Ready means the orchestrator reached PostgreSQL and all three ML services over gRPC + TLS.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> get(client, api + "/health/ready").statusCode() == 200);
    HttpResponse<String> ready = get(client, api + "/health/ready");
    assertThat(new JsonObject(ready.body()).getString("status")).isEqualTo("UP");
    assertThat(ready.headers().firstValue("Strict-Transport-Security"))
        .contains("max-age=31536000; includeSubDomains");

    HttpResponse<String> dashboard =
        get(client, "https://localhost:" + config.admin().port() + "/health");
    assertThat(dashboard.statusCode()).isEqualTo(200);
    assertThat(dashboard.headers().firstValue("Strict-Transport-Security")).isPresent();

    // A client that does not trust the certificate is refused; plain HTTP gets no answer.
    HttpClient untrusting = HttpClient.newHttpClient();
    assertThatThrownBy(() -> get(untrusting, api + "/health")).isInstanceOf(IOException.class);
    assertThatThrownBy(
            () -> get(untrusting, "http://localhost:" + config.http().port() + "/health"))
        .isInstanceOf(IOException.class);
  }

  @Test
  @DisplayName("stays plain HTTP without a certificate, with no HSTS")
  void plainByDefault() throws Exception {
    Map<String, String> env = TestConfigs.freePorts();
    env.put("DATABASE_URL", TestInfra.get().freshDatabase().value());
    env.put("REDIS_URL", TestInfra.get().redisUrl());
    env.put("SYNTHOS_DATA_DIR", dir.resolve("data").toString());
    SynthosConfig config = ConfigLoader.load(Optional.empty(), env);
    node = Launcher.start(config, EnumSet.of(Role.API));

    HttpResponse<String> live =
        get(HttpClient.newHttpClient(), "http://127.0.0.1:" + config.http().port() + "/health");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.headers().firstValue("Strict-Transport-Security")).isEmpty();
  }

  private static HttpResponse<String> get(HttpClient client, String url)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
