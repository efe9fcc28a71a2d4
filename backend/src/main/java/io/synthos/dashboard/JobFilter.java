package io.synthos.dashboard;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The jobs table's filter, from the page's query ({@code ?state=dead&type=validation.validate}). A
 * value that cannot match any job is dropped and named in {@code rejected}, so a mistyped link
 * shows every job and says why rather than an empty table.
 */
public record JobFilter(String state, String type, List<String> rejected) {

  static final List<String> STATES =
      List.of("queued", "running", "succeeded", "failed", "cancelled", "dead");
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

  static JobFilter from(RoutingContext rc) {
    return of(rc.request().getParam("state"), rc.request().getParam("type"));
  }

  static JobFilter of(String state, String type) {
    String cleanState = blankToNull(state);
    String cleanType = blankToNull(type);
    List<String> rejected = new ArrayList<>();
    if (cleanState != null && !STATES.contains(cleanState)) {
      rejected.add("state '" + cleanState + "' is not one of " + String.join(", ", STATES));
      cleanState = null;
    }
    if (cleanType != null && !TYPE.matcher(cleanType).matches()) {
      rejected.add("'" + cleanType + "' is not a job type");
      cleanType = null;
    }
    return new JobFilter(cleanState, cleanType, List.copyOf(rejected));
  }

  /** The filters the orchestrator's job list takes. */
  JsonObject toFilters() {
    JsonObject filters = new JsonObject();
    if (state != null) {
      filters.put("state", state);
    }
    if (type != null) {
      filters.put("type", type);
    }
    return filters;
  }

  public boolean active() {
    return state != null || type != null;
  }

  public List<String> states() {
    return STATES;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
