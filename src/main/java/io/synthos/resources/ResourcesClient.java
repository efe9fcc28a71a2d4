package io.synthos.resources;

import io.synthos.platform.http.Problem;
import io.synthos.platform.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * How the API asks the resource tracker for the ML pools' capacity and use; a tracker that does not
 * answer is a 503.
 */
public final class ResourcesClient {

  // The tracker answers from memory: a status that takes longer than this is not coming.
  private static final DeliveryOptions DELIVERY = new DeliveryOptions().setSendTimeout(5_000);

  private final Vertx vertx;

  public ResourcesClient(Vertx vertx) {
    this.vertx = vertx;
  }

  /** The latest snapshot: {@code updated_at} and, for each pool, capacity, limit and use. */
  public Future<JsonObject> status() {
    return vertx
        .eventBus()
        .<JsonObject>request(ResourceTrackerVerticle.STATUS_ADDRESS, new JsonObject(), DELIVERY)
        .map(reply -> reply.body())
        .recover(failure -> Future.failedFuture(translate(failure)));
  }

  static Throwable translate(Throwable failure) {
    if (failure instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      ProblemException problem = ProblemException.fromJson(reply.getMessage());
      return problem != null ? problem : failure;
    }
    return Problem.of(
            "resources-unavailable",
            503,
            "Service Unavailable",
            "The resource tracker did not answer; retry shortly.")
        .exception();
  }
}
