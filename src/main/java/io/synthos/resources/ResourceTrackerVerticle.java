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

  /** Replies with the capacity this node offers: CPU millicores, memory MiB, GPUs. */
  public static final String SNAPSHOT_ADDRESS = "resources.snapshot";

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
