package io.synthos.auth.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("The outage log")
class OutageLogTest {

  @Test
  @DisplayName("warns at most once per 30 seconds and counts what it left out")
  void throttles() {
    Logger logger = (Logger) LoggerFactory.getLogger("test.outage." + UUID.randomUUID());
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    ManualClock clock = new ManualClock();
    OutageLog outages = new OutageLog(logger, clock);
    IOException down = new IOException("connection refused");

    outages.failed("check", RateLimitPolicy.FAIL_OPEN, down);
    outages.failed("check", RateLimitPolicy.FAIL_OPEN, down);
    clock.advance(Duration.ofSeconds(29));
    outages.failed("check", RateLimitPolicy.FAIL_OPEN, down);
    assertThat(logged.list).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    outages.failed("check", RateLimitPolicy.FAIL_OPEN, down);
    assertThat(logged.list).hasSize(2);
    assertThat(logged.list.get(1).getFormattedMessage())
        .contains("FAIL_OPEN", "2 more failures", "connection refused");
  }

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
