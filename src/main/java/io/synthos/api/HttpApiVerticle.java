package io.synthos.api;

import io.synthos.platform.HttpServers;
import io.synthos.platform.NodeInfo;
import io.synthos.platform.config.SynthosConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The REST API on {@code PORT}; several instances share the port, each with its own router. */
public final class HttpApiVerticle extends VerticleBase {

  private final SynthosConfig config;
  private final NodeInfo node;

  public HttpApiVerticle(SynthosConfig config, NodeInfo node) {
    this.config = config;
    this.node = node;
  }

  @Override
  public Future<?> start() {
    return new ApiRouter(vertx, config, node)
        .build()
        .compose(
            router ->
                HttpServers.listen(vertx, "api", config.bindHost(), config.http().port(), router));
  }
}
