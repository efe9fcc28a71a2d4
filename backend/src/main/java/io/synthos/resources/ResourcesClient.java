package io.synthos.resources;

import io.synthos.platform.bus.BusClient;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * How the API asks the resource tracker for the ML pools' capacity and use; a tracker that does not
 * answer is a 503 {@code resources-unavailable}.
 */
public final class ResourcesClient {

  private final BusClient bus;

  public ResourcesClient(Vertx vertx) {
    this.bus = new BusClient(vertx, ProblemType.RESOURCES_UNAVAILABLE, "resource tracker");
  }

  /** The latest snapshot: {@code updated_at} and, for each pool, capacity, limit and use. */
  public Future<JsonObject> status() {
    return bus.ask(ResourceTrackerVerticle.STATUS_ADDRESS, new JsonObject());
  }
}
