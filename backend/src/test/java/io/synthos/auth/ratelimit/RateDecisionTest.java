package io.synthos.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A rate decision")
class RateDecisionTest {

  @Test
  @DisplayName("when allowed, gives limit, remaining and reset in whole seconds rounded up")
  void allowedHeaders() {
    RateDecision decision = RateDecision.counted(10, 3, Duration.ofMillis(1_500));

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.headers())
        .containsExactly(
            entry("RateLimit-Limit", "10"),
            entry("RateLimit-Remaining", "7"),
            entry("RateLimit-Reset", "2"));
  }

  @Test
  @DisplayName("when refused, adds Retry-After, never below one second, and remaining stays at 0")
  void refusedHeaders() {
    RateDecision decision = RateDecision.counted(10, 14, Duration.ofMillis(20));

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.retryAfter()).isEqualTo(Duration.ofMillis(20));
    assertThat(decision.headers())
        .containsExactly(
            entry("RateLimit-Limit", "10"),
            entry("RateLimit-Remaining", "0"),
            entry("RateLimit-Reset", "1"),
            entry("Retry-After", "1"));
  }

  @Test
  @DisplayName("without Redis, fails open with the full limit or closed for 30 seconds")
  void withoutRedis() {
    RateDecision open =
        RateDecision.withoutRedis(RateLimitPolicy.FAIL_OPEN, 5, Duration.ofMinutes(1));
    RateDecision closed =
        RateDecision.withoutRedis(RateLimitPolicy.FAIL_CLOSED, 5, Duration.ofMinutes(1));

    assertThat(open)
        .isEqualTo(new RateDecision(true, 5, 5, Duration.ofMinutes(1), Duration.ZERO, true));
    assertThat(closed.allowed()).isFalse();
    assertThat(closed.degraded()).isTrue();
    assertThat(closed.headers())
        .containsEntry("Retry-After", "30")
        .containsEntry("RateLimit-Reset", "30");
  }
}
