package io.synthos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthos.cli.Thresholds.CollapseRisk;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Thresholds of a CI gate")
class ThresholdsTest {

  private static JsonObject report(Double score, String risk) {
    JsonObject report = new JsonObject().put("score", score);
    return risk == null ? report : report.put("collapse", new JsonObject().put("risk", risk));
  }

  @Test
  @DisplayName("hold at the bound and fail past it, each named")
  void bounds() {
    Thresholds gate = new Thresholds(80.0, CollapseRisk.LOW);

    assertThat(gate.met(report(80.0, "low"))).isTrue();
    assertThat(gate.met(report(79.9, "none"))).isFalse();
    assertThat(gate.met(report(95.0, "medium"))).isFalse();
    assertThat(gate.describe(report(79.9, "medium")))
        .containsExactly(
            "UNMET  --min-score 80: the score is 79.9",
            "UNMET  --max-collapse-risk low: the collapse risk is medium");
  }

  @Test
  @DisplayName("a report without a score fails a score bound; without collapse it meets the risk")
  void missingSections() {
    Thresholds gate = new Thresholds(10.0, CollapseRisk.NONE);

    assertThat(gate.met(report(null, null))).isFalse();
    assertThat(gate.describe(report(null, null)))
        .containsExactly(
            "UNMET  --min-score 10: no score (it needs --real)",
            "met    --max-collapse-risk none: no collapse analysis");
    assertThat(new Thresholds(null, null).met(report(null, "high"))).isTrue();
  }
}
