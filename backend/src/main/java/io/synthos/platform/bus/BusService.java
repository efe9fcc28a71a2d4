package io.synthos.platform.bus;

import io.synthos.platform.LogThrottle;
import io.synthos.platform.http.ProblemException;
import io.synthos.platform.http.StoreUnavailable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving side of request–reply between verticles: an operation's result is the reply, a {@link
 * ProblemException} travels back as a problem detail with its status, an unreachable database as
 * 503 (the caller may retry), and anything else is logged here and answered as an internal error,
 * never with its internals.
 */
public final class BusService {

  private static final Logger log = LoggerFactory.getLogger(BusService.class);
  private static final LogThrottle outages = new LogThrottle(Duration.ofSeconds(1));

  private BusService() {}

  public static MessageConsumer<JsonObject> serve(
      Vertx vertx, String address, Function<JsonObject, Future<JsonObject>> operation) {
    return vertx
        .eventBus()
        .consumer(
            address,
            message -> {
              Future<JsonObject> result;
              try {
                result = operation.apply(message.body());
              } catch (RuntimeException e) {
                result = Future.failedFuture(e);
              }
              result
                  .onSuccess(message::reply)
                  .onFailure(failure -> fail(message, address, failure));
            });
  }

  private static void fail(Message<JsonObject> message, String address, Throwable failure) {
    if (failure instanceof ProblemException problem) {
      message.fail(problem.problem().status(), problem.toJson().encode());
      return;
    }
    if (StoreUnavailable.is(failure)) {
      long held = outages.admit(address);
      if (held >= 0) {
        log.warn(
            "{} failed: the database is unavailable ({}); {} more since the previous line",
            address,
            failure.getMessage(),
            held);
      }
      ProblemException unavailable = StoreUnavailable.problem();
      message.fail(503, unavailable.toJson().encode());
      return;
    }
    log.error("{} failed", address, failure);
    message.fail(500, "internal error");
  }
}
