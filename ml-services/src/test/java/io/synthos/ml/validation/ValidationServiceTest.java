package io.synthos.ml.validation;

import static io.synthos.ml.GrpcTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthos.ml.GrpcTestKit;
import io.synthos.ml.ReadingServiceTest;
import io.synthos.proto.v1.DatasetRef;
import io.synthos.proto.v1.ValidateRequest;
import io.synthos.proto.v1.ValidationEvent;
import io.synthos.proto.v1.ValidationGrpcClient;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcStatus;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The validation service over gRPC, reading its datasets from a real data service: the report's
 * shape, the sanity of its numbers on known cases, and clear refusals of bad input.
 */
@DisplayName("Validating datasets over gRPC")
class ValidationServiceTest extends ReadingServiceTest {

  ValidationServiceTest() {
    super("io.synthos.ml.validation.ValidationServiceVerticle");
  }

  @Test
  @DisplayName("scores a copy of the real data as perfectly faithful and not private at all")
  void copiedData() throws Exception {
    String csv = people(400, 1);
    String real = stored(csv);
    String synthetic = stored(csv);

    Outcome outcome = validate(request(real, synthetic).setTargetColumn("member").build());

    assertThat(outcome.status()).as(outcome.message()).isEqualTo(GrpcStatus.OK);
    JsonObject report = outcome.report();
    assertThat(report.getString("metrics_version")).isEqualTo("1");
    assertThat(report.getJsonObject("fidelity").getDouble("score")).isEqualTo(1.0);
    JsonObject privacy = report.getJsonObject("privacy");
    assertThat(privacy.getDouble("exact_match_rate")).isEqualTo(1.0);
    assertThat(privacy.getDouble("new_row_synthesis")).isEqualTo(0.0);
    assertThat(privacy.getDouble("score")).isLessThan(0.5);
    assertThat(report.getJsonObject("detection").getDouble("auc")).isBetween(0.3, 0.7);
    assertThat(report.getJsonObject("utility").getDouble("score")).isGreaterThan(0.9);
    assertThat(report.getDouble("score")).isBetween(0.0, 100.0);
    assertThat(report.getString("grade")).isNotBlank();
    // Quality is reported beside the score, never weighed in it.
    assertThat(report.getDouble("score"))
        .isCloseTo(
            100
                * (0.4 * sectionScore(report, "fidelity")
                    + 0.3 * sectionScore(report, "privacy")
                    + 0.15 * sectionScore(report, "utility")
                    + 0.15 * sectionScore(report, "detection")),
            within(1e-9));
    JsonObject quality = report.getJsonObject("quality");
    assertThat(quality.getInteger("rows")).isEqualTo(400);
    assertThat(quality.getInteger("columns"))
        .as("every synthetic column, text included")
        .isEqualTo(6);
    assertThat(quality.getInteger("duplicate_rows")).isZero();
    assertThat(report.getJsonArray("skipped"))
        .contains(
            new JsonObject()
                .put("column", "note")
                .put("reason", "a text or identifier column: its values are not compared"));
    assertThat(outcome.progress()).as("progress events before the report").isNotEmpty();
    // Fractions of the whole validation, across its sections: they only grow.
    assertThat(outcome.progress())
        .extracting(event -> event.getProgress().getFraction())
        .isSorted()
        .allSatisfy(fraction -> assertThat(fraction).isBetween(0.0, 1.0));
  }

  @Test
  @DisplayName("scores data from another distribution lower on fidelity than a copy")
  void differentData() throws Exception {
    String real = stored(people(400, 1));
    String shifted = stored(people(400, 7).replace(",Paris,", ",Lyon,"));

    JsonObject report = validate(request(real, shifted).build()).report();

    assertThat(report.getJsonObject("fidelity").getDouble("score")).isLessThan(0.95);
    assertThat(report.getJsonArray("skipped").stream().map(JsonObject.class::cast))
        .anyMatch(skip -> "utility".equals(skip.getString("section")));
  }

  @Test
  @DisplayName(
      "without a reference, reports the synthetic data's quality, no score, and each section"
          + " skipped for want of a reference")
  void withoutReference() throws Exception {
    // 10 people, then copies of the first 2: 2 duplicate rows of 12.
    String csv = people(10, 5);
    String[] lines = csv.split("\n");
    String synthetic = stored(csv + lines[1] + "\n" + lines[2] + "\n");

    Outcome outcome =
        validate(
            request(null, synthetic)
                .addSections("fidelity")
                .addSections("privacy")
                .addSections("utility")
                .setTargetColumn("member")
                .build());

    assertThat(outcome.status()).as(outcome.message()).isEqualTo(GrpcStatus.OK);
    JsonObject report = outcome.report();
    assertThat(report.containsKey("score")).isTrue();
    assertThat(report.getValue("score")).isNull();
    assertThat(report.getValue("grade")).isNull();
    assertThat(report.fieldNames()).doesNotContain("fidelity", "privacy", "utility", "detection");
    JsonObject quality = report.getJsonObject("quality");
    assertThat(quality.getInteger("rows")).isEqualTo(12);
    assertThat(quality.getInteger("duplicate_rows")).isEqualTo(2);
    assertThat(quality.getDouble("duplicate_rate")).isEqualTo(2.0 / 12);
    assertThat(quality.getJsonArray("issues").stream().map(JsonObject.class::cast))
        .anyMatch(issue -> "duplicate-rows".equals(issue.getString("code")));
    assertThat(report.getJsonArray("skipped"))
        .containsExactly(
            skippedSection("fidelity"), skippedSection("privacy"), skippedSection("utility"));
  }

  @Test
  @DisplayName("refuses a holdout without a reference, saying why")
  void holdoutWithoutReference() throws Exception {
    String synthetic = stored(people(10, 5));

    Outcome outcome =
        validate(
            request(null, synthetic)
                .setHoldout(DatasetRef.newBuilder().setDatasetId(synthetic))
                .build());

    assertThat(outcome.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(outcome.message()).contains("holdout").contains("reference");
  }

  @Test
  @DisplayName("refuses what cannot be validated, saying why")
  void badInput() throws Exception {
    String real = stored(people(50, 1));
    String other = stored("x,y\n1,a\n2,b\n");

    Outcome noShared = validate(request(real, other).build());
    Outcome noTarget = validate(request(real, real).setTargetColumn("nope").build());
    Outcome unknown = validate(request(UUID.randomUUID().toString(), real).build());
    Outcome badSection = validate(request(real, real).addSections("magic").build());

    assertThat(noShared.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(noShared.message()).contains("no column of the synthetic dataset matches");
    assertThat(noTarget.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(noTarget.message()).contains("target column 'nope'");
    assertThat(unknown.status()).isEqualTo(GrpcStatus.FAILED_PRECONDITION);
    assertThat(unknown.message()).contains("reference dataset");
    assertThat(badSection.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
    assertThat(badSection.message()).contains("unknown section 'magic'");
  }

  @Test
  @DisplayName("stops the work of a cancelled call, freeing its worker for the next one")
  void cancelStopsTheWork() throws Exception {
    // Exact nearest rows over 60k × 60k take minutes on one thread, unless stopped.
    String big = stored(people(60_000, 3));
    String small = stored(people(50, 4));

    GrpcTestKit.Streamed<ValidationEvent> next =
        nextAfterCancel(
            ValidationGrpcClient.Validate,
            request(big, big).addSections("privacy").build(),
            request(small, small).addSections("fidelity").build(),
            ValidationEvent::hasProgress);

    assertThat(next.status()).as(next.message()).isEqualTo(GrpcStatus.OK);
  }

  private record Outcome(
      GrpcStatus status, String message, List<ValidationEvent> progress, JsonObject report) {}

  private Outcome validate(ValidateRequest request) throws Exception {
    return await(
        GrpcTestKit.stream(grpc, port, ValidationGrpcClient.Validate, request)
            .map(
                call ->
                    new Outcome(
                        call.status(),
                        call.message(),
                        call.messages().stream().filter(ValidationEvent::hasProgress).toList(),
                        call.messages().stream()
                            .filter(ValidationEvent::hasReport)
                            .map(e -> new JsonObject(e.getReport().getReportJson()))
                            .findFirst()
                            .orElse(null))));
  }

  /** A request for {@code synthetic} against {@code real}, or against nothing when null. */
  private static ValidateRequest.Builder request(String real, String synthetic) {
    ValidateRequest.Builder request =
        ValidateRequest.newBuilder()
            .setJobId("test")
            .setSynthetic(DatasetRef.newBuilder().setDatasetId(synthetic))
            .setOptionsJson(new JsonObject().put("seed", 7).encode());
    return real == null
        ? request
        : request.setReference(DatasetRef.newBuilder().setDatasetId(real));
  }

  private static double sectionScore(JsonObject report, String section) {
    return report.getJsonObject(section).getDouble("score");
  }

  private static JsonObject skippedSection(String section) {
    return new JsonObject().put("section", section).put("reason", "no reference dataset given");
  }

  /** A seeded table of people: numbers, a category, a flag, a date and free text. */
  private static String people(int rows, long seed) {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("age,income,city,member,joined,note\n");
    String[] cities = {"Paris", "Berlin", "Rome", "Madrid"};
    for (int i = 0; i < rows; i++) {
      int age = 18 + random.nextInt(60);
      csv.append(age)
          .append(',')
          .append(
              random.nextInt(20) == 0
                  ? ""
                  : String.valueOf(20_000 + age * 800 + random.nextInt(9_000)))
          .append(',')
          .append(cities[random.nextInt(cities.length)])
          .append(',')
          .append(age > 45 ? "true" : "false")
          .append(',')
          .append(
              String.format(
                  "20%02d-%02d-%02d",
                  10 + random.nextInt(14), 1 + random.nextInt(12), 1 + random.nextInt(28)))
          .append(",\"note ")
          .append(seed)
          .append('-')
          .append(i)
          .append("\"\n");
    }
    return csv.toString();
  }
}
