package io.synthos.orchestrator.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.orchestrator.jobs.DatasetMembers.Reference;
import io.synthos.orchestrator.pipelines.PipelineKind;
import io.synthos.platform.http.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The dataset members of a payload")
class DatasetMembersTest {

  private static final String ONE = "3c1d7e4f-8a2b-4c6d-9e0f-1a2b3c4d5e6f";
  private static final String TWO = "4d2e8f5a-9b3c-4d7e-8f1a-2b3c4d5e6f7a";

  @Test
  @DisplayName("names every dataset of the declared members, with the member that names it")
  void references() {
    JsonObject payload =
        new JsonObject()
            .put("dataset_id", ONE)
            .put("holdout_dataset_id", TWO)
            .put("generations", new JsonArray().add(TWO).add(ONE))
            .put("target_column", ONE);

    List<Reference> found = JobType.DATA_CHECK.datasets().in(payload);

    assertThat(found)
        .containsExactly(
            new Reference("dataset_id", UUID.fromString(ONE)),
            new Reference("holdout_dataset_id", UUID.fromString(TWO)),
            new Reference("generations[0]", UUID.fromString(TWO)),
            new Reference("generations[1]", UUID.fromString(ONE)));
  }

  @Test
  @DisplayName("reads only what the job type reads")
  void onlyDeclared() {
    JsonObject payload = new JsonObject().put("dataset_id", ONE).put("holdout_dataset_id", TWO);

    assertThat(JobType.COLLAPSE.datasets().in(payload))
        .containsExactly(new Reference("dataset_id", UUID.fromString(ONE)));
    assertThat(JobType.NOOP.datasets().in(payload)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"dataset_id\":\"1-2-3-4-5\"}",
        "{\"dataset_id\":\"urn:uuid:3c1d7e4f-8a2b-4c6d-9e0f-1a2b3c4d5e6f\"}",
        "{\"dataset_id\":42}",
        "{\"reference_dataset_id\":[\"3c1d7e4f-8a2b-4c6d-9e0f-1a2b3c4d5e6f\"]}",
        "{\"generations\":\"3c1d7e4f-8a2b-4c6d-9e0f-1a2b3c4d5e6f\"}",
        "{\"generations\":[\"3c1d7e4f-8a2b-4c6d-9e0f-1a2b3c4d5e6f\", null]}"
      })
  @DisplayName("refuses a member that is not a dataset id with 400, naming it")
  void notAnId(String payload) {
    assertThatThrownBy(() -> JobType.DATA_CHECK.datasets().in(new JsonObject(payload)))
        .isInstanceOfSatisfying(
            ProblemException.class,
            problem -> {
              assertThat(problem.problem().status()).isEqualTo(400);
              assertThat(problem.problem().type()).isEqualTo("/problems/invalid-dataset-reference");
              String member = new JsonObject(payload).fieldNames().iterator().next();
              assertThat(problem.problem().detail()).startsWith(member);
            });
  }

  @Test
  @DisplayName("a pipeline checks what any of its stages reads, and needs it ready")
  void pipelines() {
    for (PipelineKind kind : PipelineKind.values()) {
      assertThat(kind.datasets().names())
          .containsExactlyInAnyOrder(
              "dataset_id", "reference_dataset_id", "holdout_dataset_id", "generations");
      assertThat(kind.datasets().mustBeReady()).isTrue();
    }
  }

  @Test
  @DisplayName("an ingest's own dataset may be in any state, every other job's must be ready")
  void readiness() {
    for (JobType type : JobType.values()) {
      if (!type.datasets().names().isEmpty()) {
        assertThat(type.datasets().mustBeReady())
            .as(type.id())
            .isEqualTo(type != JobType.DATA_INGEST);
      }
    }
    assertThat(JobType.submittableIds())
        .containsExactly("noop", "data.check", "validation.validate", "collapse.analyse");
  }
}
