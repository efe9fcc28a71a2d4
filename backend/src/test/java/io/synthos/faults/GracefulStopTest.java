package io.synthos.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.platform.config.Secret;
import io.synthos.platform.db.PgSettings;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.NodeProcess;
import io.synthos.testing.TestConfigs;
import io.synthos.testing.TestDatasets;
import io.synthos.testing.TestInfra;
import io.synthos.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A node stopped with SIGTERM while it serves requests and runs jobs: uploads under way finish and
 * are kept, readers never get a 500 or a hanging request, and the jobs it was running are handed
 * back to the queue rather than left running.
 */
@Tag("slow")
@DisplayName("A node stopped with SIGTERM under load")
class GracefulStopTest {

  private static final int UPLOADS = 3;
  private static final int HELD_JOBS = 8;
  private static final int READERS = 4;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private NodeProcess node;
  private Secret database;
  private String api;
  private String token;

  @AfterEach
  void kill() throws InterruptedException {
    if (node != null && node.alive()) {
      node.kill();
    }
  }

  @Test
  @DisplayName("finishes what is under way, refuses the rest cleanly and hands its jobs back")
  void stopsGracefully() throws Exception {
    startNode();
    List<String> held = new ArrayList<>();
    for (int i = 0; i < HELD_JOBS; i++) {
      held.add(submit(new JsonObject().put("hold_ms", 60_000)));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count("SELECT count(*) FROM jobs WHERE state = 'running'") == HELD_JOBS);

    CountDownLatch released = new CountDownLatch(1);
    List<PausedBody> bodies = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
    for (int i = 0; i < UPLOADS; i++) {
      PausedBody body =
          new PausedBody(TestDatasets.people(4_000, i).getBytes(StandardCharsets.UTF_8), released);
      bodies.add(body);
      uploads.add(
          client.sendAsync(
              HttpRequest.newBuilder(URI.create(api + "/api/v1/datasets?name=paused-" + i + ".csv"))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "text/csv")
                  .timeout(Duration.ofSeconds(60))
                  .POST(BodyPublishers.ofInputStream(() -> body))
                  .build(),
              BodyHandlers.ofString()));
    }
    // Half of each body has gone out: the uploads are under way on the server.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> bodies.stream().allMatch(PausedBody::paused));

    AtomicBoolean stopping = new AtomicBoolean();
    ConcurrentLinkedQueue<String> outcomes = new ConcurrentLinkedQueue<>();
    ExecutorService readers = Executors.newFixedThreadPool(READERS);
    for (int i = 0; i < READERS; i++) {
      readers.submit(() -> read(held.get(0), stopping, outcomes));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() >= 20);

    node.terminate();
    released.countDown();

    for (CompletableFuture<HttpResponse<String>> upload : uploads) {
      HttpResponse<String> answer = upload.get(60, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
      String id = new JsonObject(answer.body()).getString("id");
      assertThat(count("SELECT count(*) FROM datasets WHERE id = '" + id + "'"))
          .as("an acknowledged upload is kept")
          .isEqualTo(1);
    }
    assertThat(node.awaitExit(Duration.ofSeconds(45))).as("exit code").isZero();
    stopping.set(true);
    readers.shutdown();
    assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(count("SELECT count(*) FROM jobs WHERE state = 'running'"))
        .as("jobs left running")
        .isZero();
    assertThat(count("SELECT count(*) FROM jobs WHERE state = 'queued'"))
        .as("held jobs handed back")
        .isGreaterThanOrEqualTo(HELD_JOBS);
    assertThat(outcomes).as("reader outcomes").contains("200");
    assertThat(outcomes)
        .as("every reader answer: 200, 503, or refused once the server stopped listening")
        .allMatch(
            outcome -> outcome.equals("200") || outcome.equals("503") || outcome.equals("refused"));
  }

  /** Reads one job until the node is gone, noting each answer's status or how it failed. */
  private void read(String job, AtomicBoolean stopping, ConcurrentLinkedQueue<String> outcomes) {
    while (!stopping.get()) {
      try {
        HttpResponse<String> answer =
            client.send(
                HttpRequest.newBuilder(URI.create(api + "/api/v1/jobs/" + job))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(15))
                    .build(),
                BodyHandlers.ofString());
        boolean complete =
            answer.statusCode() != 200 || job.equals(new JsonObject(answer.body()).getString("id"));
        outcomes.add(complete ? String.valueOf(answer.statusCode()) : "incomplete body");
      } catch (HttpTimeoutException e) {
        outcomes.add("hung");
      } catch (IOException e) {
        // A connection refused, or closed by the stopping server before it read the request.
        outcomes.add("refused");
        if (!node.alive()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void startNode() throws Exception {
    Path dir = Files.createTempDirectory("synthos-stop");
    database = TestInfra.get().freshDatabase();
    Map<String, String> env = TestConfigs.freePorts();
    env.put("DATABASE_URL", database.value());
    env.put("REDIS_URL", TestInfra.get().redisUrl());
    env.put("JWT_SECRET", TestNode.JWT_SECRET);
    env.put("RATE_LIMIT_PER_USER", "1000000");
    env.put("SYNTHOS_DATA_DIR", dir.toString());
    env.put("POOL_DATA_CAPACITY", "4000:8192:0");
    env.put("POOL_VALIDATION_CAPACITY", "4000:8192:0");
    env.put("POOL_COLLAPSE_CAPACITY", "4000:8192:0");
    node = NodeProcess.start("node", dir, env, "--roles", "api,auth,orchestrator,resources,data");
    node.awaitStarted();
    api = "http://127.0.0.1:" + env.get("PORT");
    token = TestNode.newAccessToken(api);
  }

  private String submit(JsonObject payload) {
    HttpProbe.Response created =
        HttpProbe.postJson(
            api + "/api/v1/jobs",
            new JsonObject().put("type", "noop").put("payload", payload),
            "Authorization",
            "Bearer " + token);
    assertThat(created.status()).as(created.body()).isEqualTo(202);
    return created.json().getString("id");
  }

  private long count(String sql) throws SQLException {
    PgSettings settings = PgSettings.fromUrl(database);
    try (Connection connection =
            DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** A request body that gives its first half, then waits for {@code released} to give the rest. */
  private static final class PausedBody extends InputStream {
    private final byte[] bytes;
    private final CountDownLatch released;
    private int position;
    private volatile boolean paused;

    PausedBody(byte[] bytes, CountDownLatch released) {
      this.bytes = bytes;
      this.released = released;
    }

    boolean paused() {
      return paused;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      int half = bytes.length / 2;
      if (position == half && released.getCount() > 0) {
        paused = true;
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new UncheckedIOException(new IOException("interrupted"));
        }
      }
      if (position >= bytes.length) {
        return -1;
      }
      int end = position < half ? half : bytes.length;
      int count = Math.min(length, end - position);
      System.arraycopy(bytes, position, into, offset, count);
      position += count;
      return count;
    }
  }
}
