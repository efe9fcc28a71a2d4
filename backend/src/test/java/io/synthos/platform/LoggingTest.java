package io.synthos.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import io.synthos.platform.tracing.TraceJsonProvider;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("Logging")
class LoggingTest {

  @Test
  @DisplayName("production's JSON configuration loads cleanly and adds the trace and request ids")
  void jsonConfiguration() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getClassLoader().getResource("logback-json.xml"));

    assertThat(new StatusUtil(context).getHighestLevel(0)).isLessThan(Status.WARN);
    OutputStreamAppender<?> json =
        (OutputStreamAppender<?>) context.getLogger("ROOT").getAppender("json");
    LogstashEncoder encoder = (LogstashEncoder) json.getEncoder();
    assertThat(encoder.getProviders().getProviders())
        .anyMatch(provider -> provider instanceof TraceJsonProvider);
    context.stop();
  }

  @Test
  @DisplayName("LOG_LEVELS sets each named logger's level")
  void levels() {
    Logging.levels(
        Map.of("io.synthos.logging-test.quiet", "error", "io.synthos.logging-test", "debug"));
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(context.getLogger("io.synthos.logging-test.quiet").getLevel())
        .isEqualTo(Level.ERROR);
    assertThat(context.getLogger("io.synthos.logging-test.other").getEffectiveLevel())
        .isEqualTo(Level.DEBUG);
  }
}
