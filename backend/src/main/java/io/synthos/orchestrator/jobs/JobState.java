package io.synthos.orchestrator.jobs;

import java.util.Locale;

/** Where a job is in its life. {@code dead} is the dead-letter state: retries exhausted. */
public enum JobState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED,
  DEAD;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobState of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  public boolean finished() {
    return this != QUEUED && this != RUNNING;
  }
}
