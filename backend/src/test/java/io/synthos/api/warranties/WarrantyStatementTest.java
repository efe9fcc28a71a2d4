package io.synthos.api.warranties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Warranty statements")
class WarrantyStatementTest {

  @Test
  @DisplayName(
      "a statement is an in-toto v1 statement of the synthetic dataset, committing to the real data")
  void inTotoShape() {
    JsonObject json = Fixtures.statement("w-1").toJson();

    assertThat(json.getString("_type")).isEqualTo("https://in-toto.io/Statement/v1");
    assertThat(json.getString("predicateType")).isEqualTo("https://synthos.dev/warranty/v2");
    assertThat(json.getJsonArray("subject"))
        .isEqualTo(new JsonArray().add(subject("synthetic.csv", Fixtures.DATASET_SHA256)));
    JsonObject predicate = json.getJsonObject("predicate");
    assertThat(predicate.fieldNames())
        .containsExactly(
            "warranty_id",
            "validation_id",
            "tier",
            "metrics",
            "thresholds",
            "metrics_version",
            "issued_at",
            "expires_at",
            "issuer",
            "commitments");
    assertThat(predicate.getString("issued_at")).isEqualTo("2026-03-01T12:00:00Z");
    assertThat(predicate.getJsonObject("metrics").getDouble("score")).isEqualTo(81.5);
    assertThat(predicate.getJsonObject("commitments"))
        .isEqualTo(
            new JsonObject()
                .put("algorithm", "hmac-sha256")
                .put("reference", Commitment.of(Fixtures.SALT, Fixtures.REFERENCE_SHA256))
                .put("holdout", Commitment.of(Fixtures.SALT, Fixtures.HOLDOUT_SHA256)));
    assertThat(json.encode())
        .doesNotContain(Fixtures.REFERENCE_SHA256, Fixtures.HOLDOUT_SHA256, Fixtures.SALT);
  }

  @Test
  @DisplayName("without real data the statement has one subject and commits to nothing")
  void noRealData() {
    WarrantyStatement alone = Fixtures.withoutRealData("w-2");

    assertThat(alone.toJson().getJsonArray("subject")).hasSize(1);
    JsonObject commitments = alone.toJson().getJsonObject("predicate").getJsonObject("commitments");
    assertThat(commitments.getString("algorithm")).isEqualTo("hmac-sha256");
    assertThat(commitments.getValue("reference")).isNull();
    assertThat(commitments.getValue("holdout")).isNull();
  }

  @Test
  @DisplayName("times are whole UTC seconds, and a warranty must expire after it is issued")
  void times() {
    WarrantyStatement full = Fixtures.statement("w-1");
    Instant issued = Instant.parse("2026-03-01T12:00:00.987654Z");

    WarrantyStatement truncated =
        new WarrantyStatement(
            full.dataset(),
            WarrantyStatement.Commitments.NONE,
            "w-3",
            "val-9",
            "basic",
            new JsonObject(),
            new JsonObject(),
            "1",
            issued,
            issued.plusSeconds(60),
            full.issuer());

    assertThat(truncated.toJson().getJsonObject("predicate").getString("expires_at"))
        .isEqualTo("2026-03-01T12:01:00Z");
    assertThatThrownBy(
            () ->
                new WarrantyStatement(
                    full.dataset(),
                    WarrantyStatement.Commitments.NONE,
                    "w-4",
                    "val-9",
                    "basic",
                    new JsonObject(),
                    new JsonObject(),
                    "1",
                    issued,
                    issued,
                    full.issuer()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WarrantyStatement.Subject("x", "ABC"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonObject subject(String name, String sha256) {
    return new JsonObject().put("name", name).put("digest", new JsonObject().put("sha256", sha256));
  }
}
