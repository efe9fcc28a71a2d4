package io.synthos.orchestrator.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The report of a validation pipeline")
class ReportAssemblyTest {

  private static final JsonObject VALIDATION =
      new JsonObject()
          .put("score", 81.5)
          .put("grade", "good")
          .put("metrics_version", "1")
          .put("fidelity", new JsonObject().put("score", 0.9))
          .put(
              "skipped",
              new JsonArray()
                  .add(new JsonObject().put("section", "utility").put("reason", "no target")));

  @Test
  @DisplayName("is the validation report with the collapse report inside it")
  void joinsCollapse() {
    JsonObject collapse = new JsonObject().put("risk", "low").put("k", 5);

    JsonObject report =
        ReportAssembly.assemble(
            new JsonObject(), Map.of("validate", VALIDATION, "collapse", collapse));

    assertThat(report.getDouble("score")).isEqualTo(81.5);
    assertThat(report.getJsonObject("fidelity")).isEqualTo(VALIDATION.getJsonObject("fidelity"));
    assertThat(report.getJsonObject("collapse")).isEqualTo(collapse);
    assertThat(report.getJsonArray("skipped")).hasSize(1);
  }

  @Test
  @DisplayName("names a collapse section asked for that could not run, with the reason")
  void skippedCollapse() {
    JsonObject input =
        new JsonObject().put("sections", new JsonArray().add("fidelity").add("collapse"));
    JsonObject collapse = new JsonObject().put("skipped", "collapse needs a reference dataset");

    JsonObject report =
        ReportAssembly.assemble(input, Map.of("validate", VALIDATION, "collapse", collapse));

    assertThat(report.containsKey("collapse")).isFalse();
    assertThat(report.getJsonArray("skipped"))
        .contains(
            new JsonObject()
                .put("section", "collapse")
                .put("reason", "collapse needs a reference dataset"));
  }

  @Test
  @DisplayName("stays quiet about collapse when nobody asked for it")
  void collapseNotAsked() {
    JsonObject input = new JsonObject().put("sections", new JsonArray().add("fidelity"));
    JsonObject collapse = new JsonObject().put("skipped", "no generation");

    JsonObject report =
        ReportAssembly.assemble(input, Map.of("validate", VALIDATION, "collapse", collapse));

    assertThat(report.getJsonArray("skipped")).hasSize(1);
  }

  @Test
  @DisplayName("has no score when only collapse ran")
  void onlyCollapse() {
    JsonObject input = new JsonObject().put("sections", new JsonArray().add("collapse"));

    JsonObject report =
        ReportAssembly.assemble(
            input,
            Map.of(
                "validate",
                new JsonObject().put("skipped", "no validation section was asked for"),
                "collapse",
                new JsonObject().put("risk", "none")));

    assertThat(report.getValue("score")).isNull();
    assertThat(report.getJsonObject("collapse").getString("risk")).isEqualTo("none");
    assertThat(report.getJsonArray("skipped")).isEmpty();
  }
}
