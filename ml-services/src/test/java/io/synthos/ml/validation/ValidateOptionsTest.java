package io.synthos.ml.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.proto.v1.DatasetRef;
import io.synthos.proto.v1.ReportSection;
import io.synthos.proto.v1.ValidateRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What a Validate call asks for")
class ValidateOptionsTest {

  private static ValidateRequest.Builder request() {
    return ValidateRequest.newBuilder()
        .setSynthetic(DatasetRef.newBuilder().setDatasetId("s"))
        .setReference(DatasetRef.newBuilder().setDatasetId("r"));
  }

  @Test
  @DisplayName("computes on as many cores as the job was granted, rounded up, within the pool")
  void threadsFollowTheGrant() {
    assertThat(ValidateOptions.from(request().build()).threads(4)).isEqualTo(4);
    assertThat(ValidateOptions.from(request().setCpuMillis(1000).build()).threads(4)).isEqualTo(1);
    assertThat(ValidateOptions.from(request().setCpuMillis(1500).build()).threads(4)).isEqualTo(2);
    assertThat(ValidateOptions.from(request().setCpuMillis(250).build()).threads(4)).isEqualTo(1);
    assertThat(ValidateOptions.from(request().setCpuMillis(8000).build()).threads(2)).isEqualTo(2);
  }

  @Test
  @DisplayName("takes every section when none is named, and the options' knn bound and seed")
  void defaultsAndOptions() {
    ValidateOptions defaults = ValidateOptions.from(request().build());
    ValidateOptions given =
        ValidateOptions.from(
            request().setOptionsJson("{\"knn_max_rows\": 1000, \"seed\": 9}").build());

    assertThat(defaults.sections())
        .containsExactlyInAnyOrder(
            ReportSection.FIDELITY,
            ReportSection.PRIVACY,
            ReportSection.UTILITY,
            ReportSection.DETECTION);
    assertThat(defaults.knnMaxRows()).isEqualTo(50_000);
    assertThat(given.knnMaxRows()).isEqualTo(1000);
    assertThat(given.seed()).isEqualTo(9);
  }

  @Test
  @DisplayName("takes a call without a reference, which then names no reference and no holdout")
  void withoutReference() {
    ValidateOptions options = ValidateOptions.from(request().clearReference().build());
    ValidateOptions withReference = ValidateOptions.from(request().build());

    assertThat(options.reference()).isNull();
    assertThat(options.holdout()).isNull();
    assertThat(options.sections())
        .containsExactlyInAnyOrder(
            ReportSection.FIDELITY,
            ReportSection.PRIVACY,
            ReportSection.UTILITY,
            ReportSection.DETECTION);
    assertThat(withReference.reference()).isEqualTo("r");
  }

  @Test
  @DisplayName(
      "refuses a missing synthetic dataset, a holdout without reference, bad options, a tiny knn bound and a section that cannot be asked for, saying which")
  void refusals() {
    assertThatThrownBy(() -> ValidateOptions.from(ValidateRequest.getDefaultInstance()))
        .hasMessageContaining("synthetic dataset is required");
    assertThatThrownBy(
            () ->
                ValidateOptions.from(
                    request()
                        .clearReference()
                        .setHoldout(DatasetRef.newBuilder().setDatasetId("h"))
                        .build()))
        .hasMessageContaining("a holdout dataset needs a reference (real) dataset");
    assertThatThrownBy(() -> ValidateOptions.from(request().setOptionsJson("[1]").build()))
        .hasMessageContaining("options_json is not a JSON object");
    assertThatThrownBy(
            () -> ValidateOptions.from(request().setOptionsJson("{\"knn_max_rows\": 1}").build()))
        .hasMessageContaining("at least 2");
    assertThatThrownBy(
            () -> ValidateOptions.from(request().setOptionsJson("{\"seed\": \"x\"}").build()))
        .hasMessageContaining("whole numbers");
    assertThatThrownBy(() -> ValidateOptions.from(request().addSections("quality").build()))
        .hasMessage(
            "unknown section 'quality'; the sections are [fidelity, privacy, utility, detection]");
  }
}
