package io.synthos.launcher;

import io.synthos.platform.config.SynthosConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/** Builds the one Vert.x instance of a process from its configuration. */
final class NodeVertx {

  private NodeVertx() {}

  static Vertx create(SynthosConfig config, NodeTracing tracing) {
    return tracing.applyTo(Vertx.builder().with(new VertxOptions())).build();
  }
}
