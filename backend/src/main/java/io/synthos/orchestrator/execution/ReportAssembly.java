package io.synthos.orchestrator.execution;

import io.synthos.platform.ReportSections;
import io.synthos.proto.v1.ReportSection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The report of a validation pipeline: the validation service's report, with the collapse report
 * under {@code collapse}, and every asked-for section that did not run named in {@code skipped}
 * with the reason.
 */
final class ReportAssembly {

  /** The collapse section's key in a report and a request. */
  private static final String COLLAPSE = ReportSections.key(ReportSection.COLLAPSE);

  private ReportAssembly() {}

  /**
   * @param input the pipeline's input: {@code sections} asked for (none means all), {@code
   *     generations}
   * @param results the results of the finished stages, by stage name
   */
  static JsonObject assemble(JsonObject input, Map<String, JsonObject> results) {
    JsonObject validation = results.getOrDefault("validate", new JsonObject());
    JsonObject report =
        validation.containsKey("metrics_version")
            ? validation.copy()
            : new JsonObject().putNull("score").putNull("grade");
    JsonArray skipped =
        report.getValue("skipped") instanceof JsonArray listed ? listed : new JsonArray();
    report.put("skipped", skipped);
    JsonObject collapse = results.get("collapse");
    if (collapse != null && collapse.containsKey("risk")) {
      report.put(COLLAPSE, collapse);
    } else if (collapseAsked(input) && collapse != null) {
      skipped.add(
          new JsonObject().put("section", COLLAPSE).put("reason", collapse.getString("skipped")));
    }
    return report;
  }

  /**
   * Whether the input asks for collapse analysis: by name, or, when it names no section, by giving
   * earlier generations.
   */
  static boolean collapseAsked(JsonObject input) {
    JsonArray sections = input.getJsonArray("sections", new JsonArray());
    return sections.isEmpty()
        ? !input.getJsonArray("generations", new JsonArray()).isEmpty()
        : sections.contains(COLLAPSE);
  }
}
