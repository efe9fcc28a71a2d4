package io.synthos.platform.tracing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * The JSON lines one logger writes while open, at debug level, encoded as production encodes them
 * (logback-json.xml): on the logging thread, so the Vert.x context of the caller is the current.
 */
final class JsonLogCapture implements AutoCloseable {

  private final Logger logger;
  private final Level before;
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private JsonLogCapture(Class<?> source) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    logger = context.getLogger(source);
    before = logger.getLevel();
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    encoder.addProvider(new TraceJsonProvider());
    encoder.start();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    logger.setLevel(Level.DEBUG);
    logger.addAppender(appender);
  }

  static JsonLogCapture of(Class<?> source) {
    return new JsonLogCapture(source);
  }

  List<JsonObject> lines() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8).lines().map(JsonObject::new).toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(before);
    appender.stop();
  }
}
