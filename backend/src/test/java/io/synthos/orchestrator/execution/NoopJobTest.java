package io.synthos.orchestrator.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.orchestrator.jobs.JobType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@code noop} job, which the fault tests and benchmarks use to keep a slot busy a while. */
@DisplayName("A no-op job")
class NoopJobTest {

  private final Vertx vertx = Vertx.vertx();
  private final NoopJob noop = new NoopJob(vertx);

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  @DisplayName("without hold_ms it is done at once; with it, not before the hold")
  void holds() {
    assertThat(
            noop.execute(ClaimedJobs.of(JobType.NOOP.id(), new JsonObject()), new JobControl())
                .isComplete())
        .isTrue();

    long start = System.nanoTime();
    Future<JsonObject> held =
        noop.execute(
            ClaimedJobs.of(JobType.NOOP.id(), new JsonObject().put("hold_ms", 300)),
            new JobControl());
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
        noop.execute(
            ClaimedJobs.of(JobType.NOOP.id(), new JsonObject().put("hold_ms", 60_000)), control);
    control.requestStop("node stopping");
    assertThat(held.failed()).isTrue();
    assertThat(held.cause())
        .isInstanceOfSatisfying(
            JobFailure.class,
            failure -> assertThat(failure.kind()).isEqualTo(JobFailure.Kind.CANCELLED));
  }
}
