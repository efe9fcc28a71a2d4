package io.synthos.platform.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;

/** Turns whatever a route failed with into the problem detail the client gets. */
final class Failures {

  private Failures() {}

  static ProblemException toProblem(int statusCode, Throwable failure) {
    if (failure instanceof ProblemException problem) {
      return problem;
    }
    Throwable cause =
        failure instanceof HttpException http && http.getCause() != null
            ? http.getCause()
            : failure;
    if (cause instanceof ProblemException problem) {
      return problem;
    }
    if (StoreUnavailable.is(cause)) {
      return StoreUnavailable.problem();
    }
    if (cause instanceof SchemaValidationException invalid) {
      return ProblemType.VALIDATION_FAILED
          .problem("The request does not match the API contract.")
          .withErrors(errors(invalid))
          .exception();
    }
    if (cause instanceof ValidatorException invalid) {
      return switch (invalid.type()) {
        case UNSUPPORTED_VALUE_FORMAT ->
            ProblemType.UNSUPPORTED_MEDIA_TYPE.exception("Send the body as application/json.");
        default -> ProblemType.MALFORMED_REQUEST.exception(invalid.getMessage());
      };
    }
    return switch (statusCode) {
      case 400 -> ProblemType.MALFORMED_REQUEST.exception("The request could not be read.");
      case 401 ->
          ProblemType.INVALID_TOKEN.exception(
              "The access token or API key is missing, invalid, expired or revoked.");
      case 413 ->
          ProblemType.PAYLOAD_TOO_LARGE.exception(
              "The request body is larger than this endpoint accepts.");
      case 415 ->
          ProblemType.UNSUPPORTED_MEDIA_TYPE.exception("Send the body as application/json.");
      // A gateway or an overloaded part said so: the client may retry, unlike after a 500.
      case 502, 503, 504 ->
          Problem.ofStatus(
                  statusCode,
                  HttpResponseStatus.valueOf(statusCode).reasonPhrase(),
                  "A part of the server is unavailable; try again shortly.")
              .exception();
      default ->
          statusCode >= 400 && statusCode < 500
              ? Problem.ofStatus(
                      statusCode, HttpResponseStatus.valueOf(statusCode).reasonPhrase(), null)
                  .exception()
              : Problem.ofStatus(
                      500,
                      "Internal Server Error",
                      "The server failed to answer; the failure is logged.")
                  .exception();
    };
  }

  /** Every schema error with where it is, since the first message alone can mislead. */
  private static JsonArray errors(SchemaValidationException invalid) {
    OutputUnit root = invalid.getOutputUnit();
    List<OutputUnit> units = root == null ? null : root.getErrors();
    JsonArray errors = new JsonArray();
    if (units == null || units.isEmpty()) {
      errors.add(
          root == null
              ? error(null, invalid.getMessage())
              : error(root.getInstanceLocation(), root.getError()));
    } else {
      units.forEach(unit -> errors.add(error(unit.getInstanceLocation(), unit.getError())));
    }
    return errors;
  }

  private static JsonObject error(String pointer, String message) {
    JsonObject error = new JsonObject().put("message", message == null ? "invalid" : message);
    if (pointer != null && !pointer.isEmpty()) {
      error.put("pointer", pointer.startsWith("#") ? pointer.substring(1) : pointer);
    }
    return error;
  }
}
