package io.synthos.platform.http;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * A failure that already knows its problem detail and any headers it must carry (such as {@code
 * Retry-After}). Handlers and verticles fail with it; the error handler writes it out.
 */
public final class ProblemException extends RuntimeException {

  private final Problem problem;
  private final Map<String, String> headers;

  public ProblemException(Problem problem) {
    this(problem, Map.of());
  }

  public ProblemException(Problem problem, Map<String, String> headers) {
    super(problem.title() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
    this.headers = Map.copyOf(headers);
  }

  public Problem problem() {
    return problem;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The form this failure travels in over the event bus. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("problem", problem.toJson())
        .put("headers", new JsonObject(Map.copyOf(headers)));
  }

  /** Reads the event-bus form back; returns null when the text is not one. */
  public static ProblemException fromJson(String text) {
    try {
      JsonObject json = new JsonObject(text);
      JsonObject problem = json.getJsonObject("problem");
      if (problem == null) {
        return null;
      }
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      json.getJsonObject("headers", new JsonObject())
          .forEach(entry -> headers.put(entry.getKey(), String.valueOf(entry.getValue())));
      return new ProblemException(Problem.fromJson(problem), headers);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
