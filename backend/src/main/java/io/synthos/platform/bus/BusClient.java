package io.synthos.platform.bus;

import io.synthos.platform.http.ProblemException;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * The asking side of request–reply between verticles: a problem the other side failed with comes
 * back as the same {@link ProblemException}; no answer at all is a 503 naming who did not answer.
 */
public final class BusClient {

  private static final DeliveryOptions DELIVERY = new DeliveryOptions().setSendTimeout(10_000);

  private final Vertx vertx;
  private final ProblemType unavailable;
  private final String who;

  /**
   * @param unavailable the problem when nobody answers, a 503 such as {@link
   *     ProblemType#AUTH_UNAVAILABLE}
   * @param who the service named in that problem, e.g. {@code auth}
   */
  public BusClient(Vertx vertx, ProblemType unavailable, String who) {
    this.vertx = vertx;
    this.unavailable = unavailable;
    this.who = who;
  }

  public Future<JsonObject> ask(String address, JsonObject body) {
    return vertx
        .eventBus()
        .<JsonObject>request(address, body, DELIVERY)
        .map(reply -> reply.body())
        .recover(failure -> Future.failedFuture(translate(failure)));
  }

  private Throwable translate(Throwable failure) {
    if (failure instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      ProblemException problem = ProblemException.fromJson(reply.getMessage());
      return problem != null ? problem : failure;
    }
    return unavailable.exception("The " + who + " service did not answer; retry shortly.");
  }
}
