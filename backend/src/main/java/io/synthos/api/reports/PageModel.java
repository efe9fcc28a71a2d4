package io.synthos.api.reports;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the report page shows: the validation, a banner when there is no report to show, and
 * the report when there is.
 *
 * @param banner why there is no report, or null when there is one
 * @param report null unless the validation completed with a report
 */
record PageModel(
    String validationId,
    String datasetId,
    String referenceDatasetId,
    String status,
    String createdAt,
    String completedAt,
    String banner,
    ReportModel report) {

  /**
   * The statuses of a finished validation: "completed" as the page's callers say it, "succeeded" as
   * a pipeline does.
   */
  private static final Set<String> DONE = Set.of("completed", "succeeded");

  static PageModel of(JsonObject validation) {
    String status = Json.string(validation, "status");
    JsonObject report = Json.object(validation, "report");
    boolean done = status != null && DONE.contains(status);
    return new PageModel(
        orNone(Json.string(validation, "validation_id")),
        orNone(Json.string(validation, "dataset_id")),
        Objects.requireNonNullElse(Json.string(validation, "reference_dataset_id"), "none"),
        orNone(status),
        orNone(Json.string(validation, "created_at")),
        orNone(Json.string(validation, "completed_at")),
        done
            ? (report == null ? "This validation completed without a report." : null)
            : banner(status),
        done && report != null ? ReportModel.of(report) : null);
  }

  private static String banner(String status) {
    if (status == null) {
      return "This validation has no status yet: no report.";
    }
    return switch (status) {
      case "queued", "pending", "running" ->
          "This validation is " + status + ": the report appears here once it completes.";
      case "failed", "dead" -> "This validation failed: it has no report.";
      case "cancelled" -> "This validation was cancelled: it has no report.";
      default -> "This validation is " + status + ": it has no report yet.";
    };
  }

  private static String orNone(String value) {
    return value == null ? Formats.NONE : value;
  }
}
