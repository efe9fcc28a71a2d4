package io.synthos.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.synthos.platform.config.SynthosConfig.LogFormat;
import java.net.URL;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Switches Logback to JSON lines when configured (text, from logback.xml, is the default) and sets
 * the configured level of each logger.
 */
public final class Logging {

  private Logging() {}

  public static void use(LogFormat format) {
    if (format != LogFormat.JSON) {
      return;
    }
    URL json = Logging.class.getClassLoader().getResource("logback-json.xml");
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(json);
    } catch (JoranException e) {
      throw new IllegalStateException("cannot configure JSON logging", e);
    }
  }

  /** Sets each logger's level (names and levels were validated with the configuration). */
  public static void levels(Map<String, String> levels) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    levels.forEach((logger, level) -> context.getLogger(logger).setLevel(Level.toLevel(level)));
  }
}
