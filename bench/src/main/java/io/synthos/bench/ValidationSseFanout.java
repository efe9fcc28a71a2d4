package io.synthos.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Many clients following one validation's event stream ({@code GET
 * /api/v1/validations/{id}/events}) while it changes: each change is written to the row (a new
 * version and progress, as the tracker writes them) and announced on the event bus address the
 * tracker publishes to, and every open stream then reads the row and sends it. Lag runs from the
 * announcement to the client's receipt (one JVM, one clock). A stream that falls behind may skip
 * straight to a newer version (that is the stream's contract: it sends the current state), so what
 * must hold is that every client reaches the last version.
 */
final class ValidationSseFanout {

  /** {@code ValidationTracker.CHANGED}: where committed changes are announced. */
  private static final String CHANGED = "validations.changed";

  private ValidationSseFanout() {}

  static void run(Vertx server, String database, int port, String token, UUID owner, UUID dataset)
      throws Exception {
    int clients = BenchSupport.intProperty("bench.sseClients", 500);
    int events = BenchSupport.intProperty("bench.sseEvents", 100);
    int periodMs = BenchSupport.intProperty("bench.ssePeriodMs", 100);
    UUID id = runningValidation(database, owner, dataset);
    System.out.printf(
        "%n== sse: %,d clients on /api/v1/validations/{id}/events, %d changes one every %d ms%n",
        clients, events, periodMs);
    Vertx clientVertx = Vertx.vertx();
    try {
      HttpClient http =
          clientVertx.createHttpClient(
              new HttpClientOptions().setKeepAlive(true),
              new PoolOptions().setHttp1MaxSize(clients + 10));
      Map<Long, Long> announced = new ConcurrentHashMap<>();
      Histogram lag = new ConcurrentHistogram(3);
      AtomicLong received = new AtomicLong();
      long lastVersion = 1 + events;
      CountDownLatch connected = new CountDownLatch(clients);
      CountDownLatch reachedLast = new CountDownLatch(clients);
      for (int c = 0; c < clients; c++) {
        http.request(
                new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setHost("127.0.0.1")
                    .setPort(port)
                    .setURI("/api/v1/validations/" + id + "/events")
                    .putHeader("Authorization", "Bearer " + token)
                    .putHeader("Accept", "text/event-stream"))
            .compose(request -> request.send())
            .onSuccess(
                response -> {
                  if (response.statusCode() != 200) {
                    System.out.println("a client got HTTP " + response.statusCode());
                    return;
                  }
                  connected.countDown();
                  RecordParser.newDelimited("\n", response)
                      .handler(
                          line -> {
                            String text = line.toString(StandardCharsets.UTF_8);
                            if (!text.startsWith("id: ")) {
                              return;
                            }
                            long version = Long.parseLong(text.substring(4).strip());
                            Long at = announced.get(version);
                            if (at != null) {
                              lag.recordValue(Math.max(1, (System.nanoTime() - at) / 1_000));
                              received.incrementAndGet();
                            }
                            if (version == lastVersion) {
                              reachedLast.countDown();
                            }
                          });
                })
            .onFailure(failure -> System.out.println("a client failed: " + failure));
      }
      if (!connected.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException(connected.getCount() + " clients did not connect");
      }
      CpuUse cpu = CpuUse.now();
      long start = System.nanoTime();
      for (int e = 1; e <= events; e++) {
        long wait = start + e * periodMs * 1_000_000L - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait); // the publisher's pace, not a test wait
        }
        long version = change(database, id, (double) e / events);
        announced.put(version, System.nanoTime());
        server
            .eventBus()
            .publish(
                CHANGED,
                new JsonObject().put("validation_id", id.toString()).put("version", version));
      }
      boolean all = reachedLast.await(60, TimeUnit.SECONDS);
      System.out.printf(
          "sse: %s; %,d events received of %,d announced x clients (a stream behind skips to the"
              + " newest); lag %s  [%s, load %s]%n",
          all
              ? "every client reached the last version"
              : reachedLast.getCount() + " clients did NOT reach the last version",
          received.get(),
          (long) events * clients,
          BenchSupport.percentiles(lag),
          cpu.untilNow(),
          OpenLoad.loadAverage());
    } finally {
      clientVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** A running validation of its own, so that no pipeline of the node moves it meanwhile. */
  private static UUID runningValidation(String database, UUID owner, UUID dataset) {
    UUID id = UUID.randomUUID();
    BenchSupport.execute(
        database,
        "INSERT INTO validations (id, owner_id, dataset_id, request, priority, request_sha256,"
            + " status, stage, started_at, created_at, updated_at) VALUES ('"
            + id
            + "', '"
            + owner
            + "', '"
            + dataset
            + "', '{\"dataset_id\":\""
            + dataset
            + "\"}', 'express', '"
            + "0".repeat(64)
            + "', 'running', 'validate', now(), now(), now())");
    return id;
  }

  /** One change as the tracker commits it: progress further, version up by one. */
  private static long change(String database, UUID id, double fraction) {
    long[] version = {0};
    BenchSupport.query(
        database,
        "UPDATE validations SET version = version + 1, progress = '{\"validate\": "
            + fraction
            + "}', updated_at = now() WHERE id = '"
            + id
            + "' RETURNING version",
        row -> version[0] = Long.parseLong(row.get(0)));
    return version[0];
  }
}
