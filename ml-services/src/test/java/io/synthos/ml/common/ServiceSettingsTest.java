package io.synthos.ml.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ML service settings")
class ServiceSettingsTest {

  @Test
  @DisplayName("default host, worker threads and version when the config gives only a port")
  void defaults() {
    ServiceSettings settings = ServiceSettings.from(new JsonObject().put("port", 50054));

    assertThat(settings).isEqualTo(new ServiceSettings("127.0.0.1", 50054, 2, "dev"));
  }

  @Test
  @DisplayName("take every key the deployment config gives")
  void explicit() {
    JsonObject config =
        new JsonObject()
            .put("host", "10.0.0.5")
            .put("port", 50051L)
            .put("workerThreads", 8)
            .put("version", "0.1.0");

    assertThat(ServiceSettings.from(config))
        .isEqualTo(new ServiceSettings("10.0.0.5", 50051, 8, "0.1.0"));
  }

  @Test
  @DisplayName("refuse a missing, fractional or out-of-range port, naming the key")
  void badPort() {
    assertThatThrownBy(() -> ServiceSettings.from(new JsonObject()))
        .hasMessage("config 'port' is required");
    assertThatThrownBy(() -> ServiceSettings.from(new JsonObject().put("port", "50051")))
        .hasMessage("config 'port' must be an integer");
    assertThatThrownBy(() -> ServiceSettings.from(new JsonObject().put("port", 5.5)))
        .hasMessage("config 'port' must be an integer");
    assertThatThrownBy(() -> ServiceSettings.from(new JsonObject().put("port", 70000)))
        .hasMessage("config 'port' must be 1-65535, got 70000");
  }

  @Test
  @DisplayName("refuse fewer than one worker thread")
  void badWorkerThreads() {
    JsonObject config = new JsonObject().put("port", 50051).put("workerThreads", 0);

    assertThatThrownBy(() -> ServiceSettings.from(config))
        .hasMessage("config 'workerThreads' must be at least 1");
  }
}
