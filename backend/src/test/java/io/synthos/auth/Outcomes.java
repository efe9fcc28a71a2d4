package io.synthos.auth;

import io.synthos.platform.http.ProblemException;
import io.vertx.core.Future;

/** Names how a credential check of the auth tests ended. */
final class Outcomes {

  private Outcomes() {}

  /** "accepted", or the status of the problem the check failed with. */
  static Future<String> outcome(Future<Principal> attempt) {
    return attempt
        .map(principal -> "accepted")
        .otherwise(
            failure ->
                failure instanceof ProblemException problem
                    ? String.valueOf(problem.problem().status())
                    : failure.toString());
  }
}
