package io.synthos.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.launcher.Role;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.NodeExtension;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("integration")
@DisplayName("A node without the API or the dashboard")
class MetricsServerTest {

  @RegisterExtension
  static final NodeExtension node =
      new NodeExtension(
          Map.of(
              "POOL_DATA_CAPACITY", "1000:1024:0",
              "POOL_VALIDATION_CAPACITY", "4000:8192:1",
              "POOL_COLLAPSE_CAPACITY", "1000:1024:0"),
          EnumSet.of(Role.RESOURCES));

  @Test
  @DisplayName("serves its metrics, and only them, on PORT")
  void servesMetricsOnPort() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(HttpProbe.get(node.url("/metrics")).body())
                    .contains(
                        Metrics.RESOURCE_CAPACITY
                            + "{pool=\"validation\",resource=\"cpu_millis\"} 4000"));
    assertThat(HttpProbe.get(node.url("/health")).status()).isEqualTo(404);
  }
}
