package io.synthos.api.warranties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthos.api.warranties.WarrantyTiers.Unmet;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Warranty tiers")
class WarrantyTiersTest {

  private final WarrantyTiers tiers = WarrantyTiers.defaults();

  /** A report as the validation service writes it, with a collapse section. */
  private static JsonObject report(double score) {
    return new JsonObject()
        .put("score", score)
        .put("grade", "good")
        .put("metrics_version", "1")
        .put("fidelity", new JsonObject().put("score", 0.8))
        .put("privacy", new JsonObject().put("score", 0.75).put("exact_match_rate", 0.0))
        .put("detection", new JsonObject().put("auc", 0.7).put("score", 0.6))
        .put("collapse", new JsonObject().put("risk", "low"));
  }

  @Test
  @DisplayName("a report that meets standard passes standard")
  void meetsStandard() {
    assertThat(tiers.evaluate("standard", report(80))).isEmpty();
  }

  @Test
  @DisplayName("a score of 70 fails standard, which needs 75")
  void scoreTooLow() {
    assertThat(tiers.evaluate("standard", report(70)))
        .containsExactly(new Unmet("score", 75.0, 70.0));
  }

  @Test
  @DisplayName("a missing privacy section is unmet with nothing found")
  void missingPrivacy() {
    JsonObject report = report(80);
    report.remove("privacy");

    assertThat(tiers.evaluate("basic", report)).containsExactly(new Unmet("privacy", 0.2, null));
  }

  @Test
  @DisplayName("a section whose score failed to compute counts as missing")
  void nullSectionScore() {
    JsonObject report = report(80);
    report.getJsonObject("fidelity").putNull("score");

    assertThat(tiers.evaluate("standard", report))
        .containsExactly(new Unmet("fidelity", 0.75, null));
  }

  @Test
  @DisplayName("a high collapse risk fails premium; without generations collapse is no requirement")
  void collapseRisk() {
    JsonObject premium =
        report(90)
            .put("fidelity", new JsonObject().put("score", 0.9))
            .put("privacy", new JsonObject().put("score", 0.9));
    JsonObject collapsed = premium.copy().put("collapse", new JsonObject().put("risk", "high"));
    JsonObject noGenerations = premium.copy();
    noGenerations.remove("collapse");

    assertThat(tiers.evaluate("premium", premium)).isEmpty();
    assertThat(tiers.evaluate("premium", collapsed))
        .containsExactly(new Unmet("collapse_risk", "low", "high"));
    assertThat(tiers.evaluate("premium", noGenerations)).isEmpty();
    assertThat(tiers.evaluate("basic", collapsed)).isEmpty();
  }

  @Test
  @DisplayName("an override changes one threshold and keeps the other defaults")
  void override() {
    WarrantyTiers custom =
        WarrantyTiers.fromJson(
            new JsonObject().put("standard", new JsonObject().put("min_score", 65)));

    assertThat(custom.evaluate("standard", report(70))).isEmpty();
    assertThat(custom.tier("standard").minPrivacy()).isEqualTo(0.3);
    assertThat(custom.tier("premium")).isEqualTo(tiers.tier("premium"));
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(
      strings = {
        "{\"gold\": {\"min_score\": 90}}",
        "{\"basic\": {\"min_score\": 101}}",
        "{\"basic\": {\"min_score\": -1}}",
        "{\"basic\": {\"min_privacy\": 1.5}}",
        "{\"basic\": {\"min_score\": \"high\"}}",
        "{\"basic\": {\"max_collapse_risk\": \"extreme\"}}",
        "{\"basic\": {\"validity_days\": 0}}",
        "{\"basic\": {\"validity_days\": 90.5}}",
        "{\"basic\": {\"min_scor\": 60}}",
        "{\"basic\": 60}"
      })
  @DisplayName("nonsense overrides are refused")
  void refusesNonsense(String overrides) {
    assertThatThrownBy(() -> WarrantyTiers.fromJson(new JsonObject(overrides)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching(".*(tier|must|threshold).*");
  }

  @Test
  @DisplayName("the published thresholds list every tier with its validity")
  void published() {
    JsonObject json = tiers.toJson();

    assertThat(json.fieldNames()).containsExactly("basic", "standard", "premium");
    assertThat(json.getJsonObject("premium").getInteger("validity_days")).isEqualTo(365);
    assertThat(json.getJsonObject("basic").getValue("min_fidelity")).isNull();
    assertThat(WarrantyTiers.fromJson(json).toJson()).isEqualTo(json);
    assertThat(tiers.tier("standard").validity()).isEqualTo(Duration.ofDays(180));
    assertThatThrownBy(() -> tiers.evaluate("gold", report(99)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gold");
  }
}
