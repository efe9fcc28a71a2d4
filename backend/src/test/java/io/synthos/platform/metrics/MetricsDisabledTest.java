package io.synthos.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.launcher.Role;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.NodeExtension;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("integration")
@DisplayName("With ENABLE_METRICS=false")
class MetricsDisabledTest {

  @RegisterExtension
  static final NodeExtension node =
      new NodeExtension(
          Map.of("ENABLE_METRICS", "false"),
          EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR, Role.DASHBOARD));

  @Test
  @DisplayName("/metrics is unknown on both ports and the process keeps no registry")
  void noMetrics() {
    HttpProbe.Response api = HttpProbe.get(node.url("/metrics"));
    HttpProbe.Response admin =
        HttpProbe.get("http://127.0.0.1:" + node.config().admin().port() + "/metrics");

    assertThat(api.status()).isEqualTo(404);
    assertThat(api.contentType()).startsWith("application/problem+json");
    assertThat(admin.status()).isEqualTo(404);
    assertThat(Metrics.of(node.vertx()).enabled()).isFalse();
    assertThat(node.vertx().isMetricsEnabled()).isFalse();
  }
}
