package io.synthos.orchestrator;

import io.synthos.auth.Principal;
import io.synthos.platform.http.ProblemException;
import io.synthos.platform.http.ProblemType;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * How the orchestrator reads what callers send over the event bus: who asks, whose rows they may
 * see, the id they name, and the size a job payload or a pipeline input may have.
 */
final class RequestBodies {

  /** A job's payload and a pipeline's input hold at most this many bytes of JSON. */
  static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  private RequestBodies() {}

  static Principal caller(JsonObject body) {
    return Principal.fromJson(body.getJsonObject("caller"));
  }

  /** Whose rows the caller may see: their own, or everyone's (null) for an admin. */
  static UUID scope(JsonObject body) {
    return scope(caller(body));
  }

  static UUID scope(Principal caller) {
    return caller.isAdmin() ? null : caller.userId();
  }

  /** The {@code id} the body names; one that is not a UUID names nothing, as a missing one. */
  static UUID id(JsonObject body, Supplier<ProblemException> notFound) {
    try {
      return UUID.fromString(body.getString("id", ""));
    } catch (IllegalArgumentException e) {
      throw notFound.get();
    }
  }

  static boolean fits(JsonObject json) {
    return json.encode().getBytes(StandardCharsets.UTF_8).length <= MAX_PAYLOAD_BYTES;
  }

  /** The answer to a payload or input that does not {@link #fits fit}; {@code what} names it. */
  static ProblemException tooLarge(String what) {
    return ProblemType.PAYLOAD_TOO_LARGE.exception(what + " holds at most 64 KiB.");
  }
}
