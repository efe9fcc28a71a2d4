package io.synthos.orchestrator.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scheduler settings")
class SchedulerSettingsTest {

  @Test
  @DisplayName(
      "a lease is renewed every third of it, and expired ones looked for as often (5 s at most)")
  void lease() {
    SchedulerSettings short_ = SchedulerSettings.defaults("n").withLease(Duration.ofSeconds(6));
    assertThat(short_.lease()).isEqualTo(Duration.ofSeconds(6));
    assertThat(short_.heartbeat()).isEqualTo(Duration.ofSeconds(2));
    assertThat(short_.reap()).isEqualTo(Duration.ofSeconds(2));

    SchedulerSettings standard = SchedulerSettings.defaults("n").withLease(Duration.ofSeconds(30));
    assertThat(standard).isEqualTo(SchedulerSettings.defaults("n"));

    SchedulerSettings longer = SchedulerSettings.defaults("n").withLease(Duration.ofMinutes(3));
    assertThat(longer.heartbeat()).isEqualTo(Duration.ofMinutes(1));
    assertThat(longer.reap()).isEqualTo(Duration.ofSeconds(5));
  }
}
