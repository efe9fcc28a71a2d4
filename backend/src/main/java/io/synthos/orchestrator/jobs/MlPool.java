package io.synthos.orchestrator.jobs;

import java.util.Locale;

/** The ML pool a job runs on; {@code NONE} for jobs that need no ML service and no admission. */
public enum MlPool {
  NONE,
  DATA,
  VALIDATION,
  COLLAPSE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MlPool of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
