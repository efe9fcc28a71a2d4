package io.synthos.orchestrator.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.orchestrator.jobs.JobType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The job executors")
class JobExecutorsTest {

  private final Vertx vertx = Vertx.vertx();
  private final JobExecutors executors =
      new JobExecutors(vertx, null, null, null, null, Duration.ofMinutes(1));

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private Future<JsonObject> run(String type) {
    return executors.execute(ClaimedJobs.of(type, new JsonObject()), new JobControl());
  }

  private static void assertPermanentFailure(Future<JsonObject> outcome, String message) {
    assertThat(outcome.failed()).isTrue();
    assertThat(outcome.cause())
        .isInstanceOfSatisfying(
            JobFailure.class,
            failure -> {
              assertThat(failure.kind()).isEqualTo(JobFailure.Kind.PERMANENT);
              assertThat(failure.getMessage()).isEqualTo(message);
            });
  }

  @Test
  @DisplayName("give every job type an executor of its own")
  void everyTypeHasItsOwn() {
    assertThat(JobType.values()).allSatisfy(type -> assertThat(executors.of(type)).isNotNull());
    assertThat(Arrays.stream(JobType.values()).map(type -> executors.of(type).getClass()))
        .doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("fail a job of a type this build does not know, for good")
  void unknownType() {
    assertPermanentFailure(run("model.train"), "no executor for job type model.train");
  }

  @Test
  @DisplayName("fail the warranty stage for good while issuing it in a pipeline is not there")
  void warrantyStageIsAStub() {
    assertPermanentFailure(run(JobType.WARRANTY.id()), "warranty issuance is not available yet");
  }

  @Test
  @DisplayName("let a test replace one type's executor and leave the others")
  void replaceOne() {
    JsonObject faked = new JsonObject().put("faked", true);
    executors.with(JobType.REPORT, (job, control) -> Future.succeededFuture(faked));

    assertThat(run(JobType.REPORT.id()).result()).isEqualTo(faked);
    assertThat(executors.of(JobType.NOOP)).isInstanceOf(NoopJob.class);
  }

  @Test
  @DisplayName("turn an executor that throws into a failed run, not a failed scheduler")
  void throwing() {
    executors.with(
        JobType.NOOP,
        (job, control) -> {
          throw new IllegalStateException("broken executor");
        });

    Future<JsonObject> outcome = run(JobType.NOOP.id());

    assertThat(outcome.failed()).isTrue();
    assertThat(outcome.cause()).hasMessage("broken executor");
  }
}
