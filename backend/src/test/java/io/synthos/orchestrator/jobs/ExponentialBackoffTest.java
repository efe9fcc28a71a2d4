package io.synthos.orchestrator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Exponential backoff")
class ExponentialBackoffTest {

  @Test
  @DisplayName(
      "doubles per attempt between half and all of the ceiling, capped, and stops at the limit")
  void delays() {
    ExponentialBackoff low =
        new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(60), () -> 0.0);
    ExponentialBackoff high =
        new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(60), () -> 0.999999);

    assertThat(low.nextDelay(1, 5)).contains(Duration.ofSeconds(1));
    assertThat(high.nextDelay(1, 5).orElseThrow())
        .isBetween(Duration.ofMillis(1_999), Duration.ofSeconds(2));
    assertThat(low.nextDelay(3, 5)).contains(Duration.ofSeconds(4));
    assertThat(low.nextDelay(4, 50)).contains(Duration.ofSeconds(8));
    assertThat(low.nextDelay(30, 50)).as("capped").contains(Duration.ofSeconds(30));
    assertThat(low.nextDelay(5, 5)).as("out of attempts").isEmpty();
  }
}
