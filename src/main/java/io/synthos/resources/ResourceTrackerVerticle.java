package io.synthos.resources;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * The resource tracker: owns the capacity and allocations of the ML pools and admits jobs with 20%
 * headroom. For now it reports this node's capacity; pools and admission arrive with the scheduler.
 */
public final class ResourceTrackerVerticle extends VerticleBase {

  /** Published every second and on change: the snapshot of every ML pool. */
  public static final String SNAPSHOT_ADDRESS = "resources.snapshot";

  /** Request–reply: the latest snapshot, {@code {"pools": [...], "updated_at": ...}}. */
  public static final String STATUS_ADDRESS = "resources.status";

  @Override
  public Future<?> start() {
    MessageConsumer<JsonObject> snapshot =
        vertx.eventBus().consumer(SNAPSHOT_ADDRESS, message -> message.reply(capacity()));
    return snapshot.completion();
  }

  private static JsonObject capacity() {
    Runtime runtime = Runtime.getRuntime();
    return new JsonObject()
        .put("cpu_millicores", runtime.availableProcessors() * 1000)
        .put("memory_mib", runtime.maxMemory() / (1024 * 1024))
        .put("gpus", 0);
  }
}
