package io.synthos.auth;

import io.synthos.platform.http.ProblemException;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;

/** Waits on the futures of the auth tests and names how a credential check ended. */
final class Outcomes {

  private Outcomes() {}

  /** The future's result, waited for up to 10 s. */
  static <T> T done(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

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
