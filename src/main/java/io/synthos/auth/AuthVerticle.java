package io.synthos.auth;

import io.synthos.platform.config.SynthosConfig;
import io.synthos.platform.health.CheckReport;
import io.synthos.platform.health.HealthRequest;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.util.List;

/**
 * The auth verticle: owns users, tokens and API keys, and the rate limits kept in Redis. For now it
 * answers for the health of Redis; accounts and tokens arrive with the auth issue.
 */
public final class AuthVerticle extends VerticleBase {

  /** Health of Redis: body {@code {"check": "redis"}}, reply a CheckReport. */
  public static final String HEALTH_ADDRESS = "auth.health";

  public static final String REDIS_CHECK = "redis";

  private final SynthosConfig config;
  private Redis redis;
  private RedisAPI api;

  public AuthVerticle(SynthosConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    redis =
        Redis.createClient(
            vertx, new RedisOptions().setConnectionString(config.redis().url().value()));
    api = RedisAPI.api(redis);
    MessageConsumer<JsonObject> health =
        vertx.eventBus().consumer(HEALTH_ADDRESS, this::answerHealth);
    return health.completion();
  }

  private void answerHealth(Message<JsonObject> message) {
    String check = HealthRequest.checkName(message.body());
    if (!REDIS_CHECK.equals(check)) {
      message.fail(400, "auth has no check named '" + check + "'");
      return;
    }
    api.ping(List.of())
        .map(pong -> CheckReport.up(new JsonObject().put("reply", pong.toString())))
        .otherwise(failure -> CheckReport.down("Redis: " + failure.getMessage()))
        .onSuccess(report -> message.reply(report.toJson()));
  }

  @Override
  public Future<?> stop() {
    redis.close();
    return Future.succeededFuture();
  }
}
