package io.synthos.orchestrator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The resource estimator")
class ResourceEstimatorTest {

  private final ResourceEstimator estimator = new ResourceEstimator();

  @Test
  @DisplayName("grows the memory of validation with rows × columns")
  void growsWithData() {
    Resources small = estimator.estimate("validation.validate", new JsonObject());
    Resources large =
        estimator.estimate(
            "validation.validate", new JsonObject().put("rows", 1_000_000).put("columns", 32));

    assertThat(small).isEqualTo(new Resources(2000, 1024, 0));
    assertThat(large.memoryMib()).isEqualTo(1024 + 3 * 2048);
    assertThat(large.cpuMillis()).isEqualTo(2000);
  }

  @Test
  @DisplayName("uses the payload's own request when it gives one")
  void override() {
    JsonObject payload =
        new JsonObject()
            .put("resources", new JsonObject().put("cpu_millis", 500).put("memory_mib", 64));

    assertThat(estimator.estimate("collapse.analyse", payload))
        .isEqualTo(new Resources(500, 64, 0));
  }

  @Test
  @DisplayName("asks nothing for jobs that need no ML service")
  void nothingForNoop() {
    assertThat(estimator.estimate("noop", new JsonObject())).isEqualTo(Resources.NONE);
  }
}
