package io.synthos.orchestrator.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.MlPool;
import io.synthos.orchestrator.jobs.Priority;
import io.synthos.orchestrator.jobs.Resources;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@code noop} job, which the fault tests and benchmarks use to keep a slot busy for a while,
 * and the lease setting's effect on renewals and the search for expired leases.
 */
@DisplayName("No-op jobs and lease settings")
class NoopHoldTest {

  private final Vertx vertx = Vertx.vertx();
  private final Executors executors = new Executors(vertx, null, null, null, null, Duration.ZERO);

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private static ClaimedJob noop(JsonObject payload) {
    return new ClaimedJob(
        UUID.randomUUID(),
        "noop",
        MlPool.NONE,
        UUID.randomUUID(),
        Priority.STANDARD,
        Resources.NONE,
        payload,
        1,
        3,
        1,
        null,
        null,
        null);
  }

  @Test
  @DisplayName("without hold_ms it is done at once; with it, not before the hold")
  void holds() {
    assertThat(executors.execute(noop(new JsonObject()), new JobControl()).isComplete()).isTrue();

    long start = System.nanoTime();
    Future<JsonObject> held =
        executors.execute(noop(new JsonObject().put("hold_ms", 300)), new JobControl());
    assertThat(held.isComplete()).isFalse();
    assertThat(held.await()).isEqualTo(new JsonObject());
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  @DisplayName("a stop request ends the hold as a cancelled run")
  void stopped() {
    JobControl control = new JobControl();
    Future<JsonObject> held =
        executors.execute(noop(new JsonObject().put("hold_ms", 60_000)), control);
    control.requestStop("node stopping");
    assertThat(held.failed()).isTrue();
    assertThat(held.cause())
        .isInstanceOfSatisfying(
            JobFailure.class,
            failure -> assertThat(failure.kind()).isEqualTo(JobFailure.Kind.CANCELLED));
  }

  @Test
  @DisplayName(
      "a lease is renewed every third of it, and expired ones looked for as often (5 s at most)")
  void lease() {
    SchedulerSettings short_ = SchedulerSettings.defaults("n").withLease(Duration.ofSeconds(6));
    assertThat(short_.lease()).isEqualTo(Duration.ofSeconds(6));
    assertThat(short_.heartbeat()).isEqualTo(Duration.ofSeconds(2));
    assertThat(short_.reap()).isEqualTo(Duration.ofSeconds(2));

    SchedulerSettings standard = SchedulerSettings.defaults("n").withLease(Duration.ofSeconds(30));
    assertThat(standard).isEqualTo(SchedulerSettings.defaults("n"));

    SchedulerSettings longer = SchedulerSettings.defaults("n").withLease(Duration.ofMinutes(3));
    assertThat(longer.heartbeat()).isEqualTo(Duration.ofMinutes(1));
    assertThat(longer.reap()).isEqualTo(Duration.ofSeconds(5));
  }
}
