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
      return Problem.of(
              "validation-failed",
              400,
              "Bad Request",
              "The request does not match the API contract.")
          .withErrors(errors(invalid))
          .exception();
    }
    if (cause instanceof ValidatorException invalid) {
      return switch (invalid.type()) {
        case UNSUPPORTED_VALUE_FORMAT ->
            Problem.of(
                    "unsupported-media-type",
                    415,
                    "Unsupported Media Type",
                    "Send the body as application/json.")
                .exception();
        default ->
            Problem.of("malformed-request", 400, "Bad Request", invalid.getMessage()).exception();
      };
    }
    return switch (statusCode) {
      case 400 ->
          Problem.of("malformed-request", 400, "Bad Request", "The request could not be read.")
              .exception();
      case 401 ->
          Problem.of(
                  "invalid-token",
                  401,
                  "Unauthorized",
                  "The access token or API key is missing, invalid, expired or revoked.")
              .exception();
      case 413 ->
          Problem.of(
                  "payload-too-large",
                  413,
                  "Payload Too Large",
                  "The request body is larger than this endpoint accepts.")
              .exception();
      case 415 ->
          Problem.of(
                  "unsupported-media-type",
                  415,
                  "Unsupported Media Type",
                  "Send the body as application/json.")
              .exception();
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
