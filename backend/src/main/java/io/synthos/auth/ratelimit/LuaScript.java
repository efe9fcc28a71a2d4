package io.synthos.auth.ratelimit;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), so each call sends a few bytes and takes one
 * round trip; the source is sent ({@code EVAL}, which also caches it) only when Redis answers
 * NOSCRIPT — first use, after a restart or a {@code SCRIPT FLUSH}.
 */
public final class LuaScript {

  private final String source;
  private final String sha1;

  public LuaScript(String source) {
    this.source = source;
    this.sha1 = SubjectKeys.hex("SHA-1", source);
  }

  public Future<Response> run(RedisAPI redis, List<String> keys, List<String> args) {
    return redis
        .evalsha(arguments(sha1, keys, args))
        .recover(
            failure ->
                isNoScript(failure)
                    ? redis.eval(arguments(source, keys, args))
                    : Future.failedFuture(failure));
  }

  private static List<String> arguments(String script, List<String> keys, List<String> args) {
    List<String> all = new ArrayList<>(2 + keys.size() + args.size());
    all.add(script);
    all.add(Integer.toString(keys.size()));
    all.addAll(keys);
    all.addAll(args);
    return all;
  }

  // The client fails the future with its internal ErrorType; the message is the reply's text.
  private static boolean isNoScript(Throwable failure) {
    String message = failure.getMessage();
    return message != null && message.startsWith("NOSCRIPT");
  }
}
