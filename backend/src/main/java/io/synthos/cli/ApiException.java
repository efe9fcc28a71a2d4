package io.synthos.cli;

import io.synthos.platform.http.ProblemType;
import io.vertx.core.json.JsonObject;

/**
 * A request the node refused, with its problem details: a 4xx (but 429) is bad input, anything else
 * a failure to run.
 */
public final class ApiException extends CliException {

  private final int status;
  private final JsonObject problem;

  private ApiException(int exitCode, String message, int status, JsonObject problem) {
    super(exitCode, message);
    this.status = status;
    this.problem = problem;
  }

  /** From a response: its status and body, RFC 9457 problem details when the node wrote them. */
  static ApiException of(String what, int status, String body) {
    JsonObject problem;
    try {
      problem = body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
    } catch (RuntimeException e) {
      problem = new JsonObject();
    }
    String detail = problem.getString("detail", problem.getString("title", ""));
    String type = problem.getString("type", "");
    String message =
        what
            + " answered "
            + status
            + (type.isEmpty() || "about:blank".equals(type) ? "" : " " + type)
            + (detail.isEmpty() ? "" : ": " + detail);
    boolean refused = status >= 400 && status < 500 && status != 429;
    return new ApiException(refused ? BAD_INPUT : FAILED, message, status, problem);
  }

  public int status() {
    return status;
  }

  /** The problem details, or an empty object. */
  public JsonObject problem() {
    return problem;
  }

  /** Whether the node answered with this kind of problem. */
  public boolean is(ProblemType kind) {
    return kind.type().equals(problem.getString("type"));
  }
}
