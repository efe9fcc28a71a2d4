package io.synthos.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Log throttle")
class LogThrottleTest {

  private final AtomicLong clock = new AtomicLong();
  private final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(1), clock::get);

  @Test
  @DisplayName("one line per key and second, which then tells how many were held back")
  void onePerInterval() {
    assertThat(throttle.admit("db")).isZero();
    assertThat(throttle.admit("db")).isEqualTo(-1);
    assertThat(throttle.admit("db")).isEqualTo(-1);
    assertThat(throttle.admit("redis")).as("another key has its own window").isZero();

    clock.addAndGet(Duration.ofMillis(999).toNanos());
    assertThat(throttle.admit("db")).isEqualTo(-1);
    clock.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(throttle.admit("db")).as("three held back in the last second").isEqualTo(3);
    assertThat(throttle.admit("db")).isEqualTo(-1);

    clock.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(throttle.admit("db")).isEqualTo(1);
    clock.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(throttle.admit("db")).isZero();
  }
}
