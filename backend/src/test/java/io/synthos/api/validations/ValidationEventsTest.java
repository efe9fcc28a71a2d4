package io.synthos.api.validations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A validation's event streams, many clients on one validation: a change is read once for all of
 * them, and a shared read that began before the change was announced never leaves a client on the
 * older version.
 */
@DisplayName("Validation event streams")
class ValidationEventsTest {

  private static final int CLIENTS = 20;
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final UUID id = UUID.randomUUID();
  private final AtomicLong version = new AtomicLong(1);
  private final AtomicInteger reads = new AtomicInteger();

  /** Reads that answer only when released; empty while reads answer by themselves. */
  private final ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();

  private volatile boolean holdReads;
  private volatile Context streams;
  private Vertx vertx;
  private HttpServer server;
  private final List<List<Long>> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    ValidationEvents events = new ValidationEvents(vertx, this::read);
    Router router = Router.router(vertx);
    router
        .get("/events")
        .handler(
            rc -> {
              streams = Vertx.currentContext();
              events.stream(id, 0, rc);
            });
    server = vertx.createHttpServer().requestHandler(router).listen(0).await();
    HttpClient client =
        vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(CLIENTS));
    for (int i = 0; i < CLIENTS; i++) {
      List<Long> versions = new CopyOnWriteArrayList<>();
      received.add(versions);
      client
          .request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/events")
          .compose(request -> request.send())
          .onSuccess(
              response ->
                  response.handler(
                      chunk -> {
                        for (String line : chunk.toString().split("\n")) {
                          if (line.startsWith("id: ")) {
                            versions.add(Long.parseLong(line.substring(4)));
                          }
                        }
                      }));
    }
    await().atMost(WAIT).until(() -> received.stream().allMatch(v -> v.contains(1L)));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  /** The validation as it is when the read starts, answered soon or when released. */
  private Future<Optional<JsonObject>> read(UUID validation) {
    reads.incrementAndGet();
    Optional<JsonObject> now =
        Optional.of(
            new JsonObject()
                .put("id", validation.toString())
                .put("version", version.get())
                .put("status", "running"));
    Promise<Optional<JsonObject>> answer = Promise.promise();
    if (holdReads) {
      held.add(() -> answer.complete(now));
    } else {
      // Later on the event loop, as a query's answer would come.
      Vertx.currentContext().runOnContext(later -> answer.complete(now));
    }
    return answer.future();
  }

  private void announce(long changed) {
    version.set(changed);
    vertx
        .eventBus()
        .publish(
            ValidationTracker.CHANGED,
            new JsonObject().put("validation_id", id.toString()).put("version", changed));
  }

  @Test
  @DisplayName("one read per change, however many clients follow the validation")
  void oneReadPerChange() {
    reads.set(0);
    holdReads = true;
    announce(2);
    await().atMost(WAIT).until(() -> !held.isEmpty());
    holdReads = false;
    held.forEach(Runnable::run);

    await().atMost(WAIT).until(() -> received.stream().allMatch(v -> v.contains(2L)));
    assertThat(reads.get()).as("reads for %d clients", CLIENTS).isEqualTo(1);
  }

  @Test
  @DisplayName("a shared read that began before a change is read again, so no client stays behind")
  void staleSharedReadIsReadAgain() {
    holdReads = true;
    announce(2);
    await().atMost(WAIT).until(() -> !held.isEmpty());
    Runnable release = held.poll();
    reads.set(0);
    holdReads = false;
    // On the streams' event loop, in order: the newer change reaches every stream while the read
    // of the previous one is still out, and only then does that read answer (with version 2).
    streams.runOnContext(
        announced -> {
          announce(3);
          streams.runOnContext(answered -> release.run());
        });

    await().atMost(WAIT).until(() -> received.stream().allMatch(v -> v.contains(3L)));
    assertThat(received).allSatisfy(versions -> assertThat(versions).isSorted());
    assertThat(reads.get()).as("one fresh read, shared by every stream").isEqualTo(1);
  }
}
