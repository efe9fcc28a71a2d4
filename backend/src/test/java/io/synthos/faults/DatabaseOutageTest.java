package io.synthos.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.synthos.launcher.Role;
import io.synthos.platform.FreePort;
import io.synthos.platform.db.EmbeddedPostgresServer;
import io.synthos.testing.HttpProbe;
import io.synthos.testing.HttpProbe.Response;
import io.synthos.testing.TestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away under a steady stream of job submissions and comes back. The node owns its
 * own embedded PostgreSQL here, so stopping it touches nothing else.
 */
@Tag("slow")
@DisplayName("PostgreSQL restarted under load")
class DatabaseOutageTest {

  /** One submission as the client saw it. */
  private record Answer(
      long sentNanos, long tookMillis, int status, String contentType, String id) {}

  @Test
  @DisplayName(
      "answers 503 problem+json while it is down, never hangs, recovers within 30 s, loses nothing")
  void restartUnderLoad() throws Exception {
    Path data = Files.createTempDirectory("synthos-outage-pg");
    int port = FreePort.find();
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data, port);
    try (TestNode node =
        TestNode.start(
            Map.of("DATABASE_URL", postgres.url()),
            EnumSet.of(Role.API, Role.AUTH, Role.ORCHESTRATOR, Role.RESOURCES))) {
      String token = node.newAccessToken();
      ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
      AtomicBoolean running = new AtomicBoolean(true);
      Thread load = new Thread(() -> submitWhile(node, token, running, answers), "outage-load");
      load.start();
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(answers, 0) >= 30);

        long down = System.nanoTime();
        postgres.close();
        await().atMost(Duration.ofSeconds(60)).until(() -> after(answers, down) >= 20);

        long up = System.nanoTime();
        postgres = EmbeddedPostgresServer.start(data, port);
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(answers, up) >= 1);
        long recovered = firstAccepted(answers, up);
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(answers, up) >= 30);
        running.set(false);
        load.join(Duration.ofSeconds(40).toMillis());

        List<Answer> all = List.copyOf(answers);
        List<Answer> duringOutage =
            all.stream().filter(a -> a.sentNanos() > down && a.sentNanos() < up).toList();
        assertThat(duringOutage).isNotEmpty();
        assertThat(duringOutage)
            .as("answers while PostgreSQL was down")
            .allSatisfy(
                a -> {
                  assertThat(a.status()).isIn(202, 503);
                  if (a.status() == 503) {
                    assertThat(a.contentType()).startsWith("application/problem+json");
                  }
                });
        assertThat(duringOutage).anyMatch(a -> a.status() == 503);
        assertThat(all)
            .as("no answer is a 500")
            .noneMatch(a -> a.status() >= 500 && a.status() != 503);
        assertThat(all)
            .as("no request hangs")
            .allMatch(a -> a.tookMillis() < Duration.ofSeconds(15).toMillis());
        assertThat(Duration.ofNanos(recovered - up)).isLessThan(Duration.ofSeconds(30));

        // Every acknowledged job is there and runs to its end.
        List<String> acknowledged =
            all.stream().filter(a -> a.status() == 202).map(Answer::id).toList();
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    acknowledged.stream()
                        .allMatch(id -> "succeeded".equals(state(node, token, id))));
      } finally {
        running.set(false);
        load.join(Duration.ofSeconds(40).toMillis());
      }
    } finally {
      postgres.close();
    }
  }

  private static void submitWhile(
      TestNode node, String token, AtomicBoolean running, ConcurrentLinkedQueue<Answer> answers) {
    JsonObject job =
        new JsonObject()
            .put("type", "noop")
            .put("priority", "express")
            .put("payload", new JsonObject());
    while (running.get()) {
      long sent = System.nanoTime();
      Response answer;
      try {
        answer =
            HttpProbe.postJson(node.url("/api/v1/jobs"), job, "Authorization", "Bearer " + token);
      } catch (RuntimeException timedOut) {
        answers.add(new Answer(sent, Long.MAX_VALUE, -1, "", null));
        continue;
      }
      long took = Duration.ofNanos(System.nanoTime() - sent).toMillis();
      String id = answer.status() == 202 ? answer.json().getString("id") : null;
      answers.add(new Answer(sent, took, answer.status(), answer.contentType(), id));
    }
  }

  private static long accepted(ConcurrentLinkedQueue<Answer> answers, long since) {
    return answers.stream().filter(a -> a.sentNanos() > since && a.status() == 202).count();
  }

  private static long after(ConcurrentLinkedQueue<Answer> answers, long since) {
    return answers.stream().filter(a -> a.sentNanos() > since).count();
  }

  private static long firstAccepted(ConcurrentLinkedQueue<Answer> answers, long since) {
    return answers.stream()
        .filter(a -> a.sentNanos() > since && a.status() == 202)
        .mapToLong(Answer::sentNanos)
        .min()
        .orElseThrow();
  }

  private static String state(TestNode node, String token, String id) {
    return HttpProbe.get(node.url("/api/v1/jobs/" + id), "Authorization", "Bearer " + token)
        .json()
        .getString("state");
  }
}
