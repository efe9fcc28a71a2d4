package io.synthos.orchestrator.execution;

import io.synthos.orchestrator.jobs.ClaimedJob;
import io.synthos.orchestrator.jobs.MlPool;
import io.synthos.orchestrator.jobs.Priority;
import io.synthos.orchestrator.jobs.Resources;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Claimed jobs made up for tests below the scheduler: a lone job, no database behind it. */
final class ClaimedJobs {

  /** The lease version every made-up job holds. */
  static final long LEASE_VERSION = 7;

  private ClaimedJobs() {}

  /** A first attempt of three of a job of that type. */
  static ClaimedJob of(String type, JsonObject payload) {
    return claimed(type, payload, 1, 3);
  }

  /** The given attempt of a {@code noop} job. */
  static ClaimedJob attempt(int attempt, int maxAttempts) {
    return claimed("noop", new JsonObject(), attempt, maxAttempts);
  }

  private static ClaimedJob claimed(String type, JsonObject payload, int attempt, int max) {
    return new ClaimedJob(
        UUID.randomUUID(),
        type,
        MlPool.NONE,
        UUID.randomUUID(),
        Priority.STANDARD,
        Resources.NONE,
        payload,
        attempt,
        max,
        LEASE_VERSION,
        null,
        null,
        null);
  }
}
