package io.synthos.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token denylist held in memory, so that checking a request's token for revocation costs no
 * round trip to Redis. An entry is a token's {@code jti} or a login's {@code sid} ({@link
 * TokenDenylist}). Revocations arrive three ways: the ones published on {@link
 * TokenDenylist#CHANNEL} (every logout or ended login, on any node) through a subscription of its
 * own; the whole list, loaded from Redis once subscribed and again every {@link #RELOAD_EVERY},
 * which catches anything a subscription missed; and {@link #revokedHere}, for a revocation answered
 * on this node, before its answer is sent.
 *
 * <p>It is {@link #ready()} only while subscribed and loaded within the last three reloads; when it
 * is not, callers ask Redis on every request instead. The list is shared by every instance on the
 * node (a Vert.x local map); each entry is kept as long as a token can live.
 */
final class RevokedTokens {

  static final Duration RELOAD_EVERY = Duration.ofSeconds(5);
  private static final Duration RESUBSCRIBE_AFTER = Duration.ofSeconds(1);
  private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);
  private static final String SHARED_MAP = "synthos.auth.revoked-tokens";
  private static final Logger LOG = LoggerFactory.getLogger(RevokedTokens.class);

  private final Vertx vertx;
  private final Redis subscriber;
  private final RedisAPI redis;
  private final Duration keepFor;
  private final Duration reloadEvery;
  private final Clock clock;
  private final LocalMap<String, Long> learnedAt;
  private final long reloads;
  private static final long NEVER = Long.MIN_VALUE / 2;

  private volatile boolean listening;
  private volatile long subscribedAt = NEVER;
  private volatile long loadedAt = NEVER;
  private RedisConnection connection;
  private boolean closed;

  /**
   * @param subscriber a client for the subscription alone: a subscribed connection takes no other
   *     command
   * @param keepFor the longest an access token lives; an entry older than that is forgotten
   * @param reloadEvery how often the whole list is loaded again ({@link #RELOAD_EVERY})
   */
  RevokedTokens(
      Vertx vertx,
      Redis subscriber,
      RedisAPI redis,
      Duration keepFor,
      Duration reloadEvery,
      Clock clock) {
    this.vertx = vertx;
    this.subscriber = subscriber;
    this.redis = redis;
    this.keepFor = keepFor;
    this.reloadEvery = reloadEvery;
    this.clock = clock;
    this.learnedAt = vertx.sharedData().getLocalMap(SHARED_MAP);
    subscribe();
    this.reloads = vertx.setPeriodic(reloadEvery.toMillis(), id -> reloadIfListening());
  }

  /** Whether {@link #revoked} can be trusted: subscribed, and loaded recently. */
  boolean ready() {
    return listening && clock.millis() - loadedAt < 3 * reloadEvery.toMillis();
  }

  /** Whether {@code id}, a token's {@code jti} or a login's {@code sid}, is revoked. */
  boolean revoked(String id) {
    return learnedAt.get(id) != null;
  }

  /** A revocation this node made: refused here from now on, without waiting for its message. */
  void revokedHere(String id) {
    learnedAt.putIfAbsent(id, clock.millis());
  }

  void close() {
    closed = true;
    listening = false;
    vertx.cancelTimer(reloads);
    if (connection != null) {
      connection.close();
    }
    subscriber.close();
  }

  private void subscribe() {
    if (closed) {
      return;
    }
    subscriber
        .connect()
        .onSuccess(
            opened -> {
              if (closed) {
                opened.close();
                return;
              }
              connection = opened;
              opened.handler(this::received);
              opened.exceptionHandler(failure -> lost(opened, failure));
              opened.endHandler(v -> lost(opened, null));
              opened
                  .send(Request.cmd(Command.SUBSCRIBE).arg(TokenDenylist.CHANNEL))
                  .onFailure(failure -> lost(opened, failure));
            })
        .onFailure(failure -> lost(null, failure));
  }

  private void received(Response push) {
    // A subscribed connection receives [kind, channel, payload] arrays only; anything else is not
    // for us.
    if (push == null
        || (push.type() != ResponseType.PUSH && push.type() != ResponseType.MULTI)
        || push.size() < 3) {
      return;
    }
    String kind = push.get(0).toString();
    if ("message".equals(kind)) {
      revokedHere(push.get(2).toString());
    } else if ("subscribe".equals(kind)) {
      // Loaded only now, so that a revocation made while loading arrives as a message; and ready
      // only once loaded, since revocations made while unsubscribed were not heard.
      subscribedAt = clock.millis();
      listening = true;
      reloadIfListening();
    }
  }

  private void lost(RedisConnection which, Throwable failure) {
    if (closed || which != connection) {
      return;
    }
    if (listening) {
      LOG.warn(
          "lost the subscription to token revocations; tokens are checked in Redis until it is back:"
              + " {}",
          failure == null ? "connection closed" : failure.toString());
    }
    listening = false;
    loadedAt = NEVER;
    connection = null;
    if (which != null) {
      which.close();
    }
    vertx.setTimer(RESUBSCRIBE_AFTER.toMillis(), id -> subscribe());
  }

  private void reloadIfListening() {
    if (!listening) {
      return;
    }
    long started = clock.millis();
    scan("0", started)
        .onSuccess(
            v -> {
              // A load begun before the current subscription may have missed what came between.
              if (started >= subscribedAt) {
                loadedAt = started;
              }
              forgetOlderThan(started - keepFor.toMillis());
            })
        .onFailure(failure -> LOG.debug("could not load the revoked tokens", failure));
  }

  private Future<Void> scan(String cursor, long now) {
    return redis
        .scan(List.of(cursor, "MATCH", TokenDenylist.KEY_PATTERN, "COUNT", "1000"))
        .timeout(REDIS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .compose(
            reply -> {
              for (Response key : reply.get(1)) {
                learnedAt.putIfAbsent(TokenDenylist.tokenId(key.toString()), now);
              }
              String next = reply.get(0).toString();
              return "0".equals(next) ? Future.succeededFuture() : scan(next, now);
            });
  }

  // Safe: a token revoked when its entry was learned expires at most keepFor after that.
  private void forgetOlderThan(long millis) {
    learnedAt.entrySet().stream()
        .filter(entry -> entry.getValue() < millis)
        .map(java.util.Map.Entry::getKey)
        .toList()
        .forEach(learnedAt::remove);
  }
}
