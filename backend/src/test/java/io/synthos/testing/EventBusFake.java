package io.synthos.testing;

import io.synthos.platform.http.Problem;
import io.synthos.platform.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Stands in for the verticle behind some event-bus addresses: answers each request with a canned
 * reply (or fails it with a problem, as real consumers do) and records every request it received.
 */
public final class EventBusFake extends VerticleBase {

  /** A request the fake received, in arrival order. */
  public record Received(String address, JsonObject body) {}

  private final Map<String, UnaryOperator<JsonObject>> answers = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  /** Answers requests to {@code address} with {@code reply(request)}; set before deploying. */
  public EventBusFake on(String address, UnaryOperator<JsonObject> reply) {
    answers.put(address, reply);
    return this;
  }

  /** From now on, fails requests to {@code address} with {@code problem}. */
  public EventBusFake failing(String address, Problem problem) {
    return on(
        address,
        request -> {
          throw problem.exception();
        });
  }

  @Override
  public Future<?> start() {
    return Future.all(
        answers.keySet().stream()
            .map(
                address ->
                    vertx
                        .eventBus()
                        .<JsonObject>consumer(address, message -> answer(address, message))
                        .completion())
            .toList());
  }

  private void answer(String address, Message<JsonObject> message) {
    received.add(new Received(address, message.body()));
    try {
      message.reply(answers.get(address).apply(message.body()));
    } catch (ProblemException problem) {
      // The form every Synthos consumer fails in; the clients read the problem back from it.
      message.fail(problem.problem().status(), problem.toJson().encode());
    }
  }

  /** Every request received, at any address. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The bodies of the requests received at {@code address}. */
  public List<JsonObject> received(String address) {
    return received.stream().filter(r -> r.address().equals(address)).map(Received::body).toList();
  }
}
