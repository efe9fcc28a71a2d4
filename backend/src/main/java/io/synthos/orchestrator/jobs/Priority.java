package io.synthos.orchestrator.jobs;

import java.time.Duration;
import java.util.Locale;

/**
 * How urgent a job is. Claims go in order of {@code run_after + agingOffset}: express first, but a
 * batch job that has waited longer than its offset overtakes newer express work, so it never
 * starves.
 */
public enum Priority {
  EXPRESS(Duration.ZERO),
  STANDARD(Duration.ofSeconds(30)),
  BATCH(Duration.ofSeconds(120));

  private final Duration agingOffset;

  Priority(Duration agingOffset) {
    this.agingOffset = agingOffset;
  }

  public Duration agingOffset() {
    return agingOffset;
  }

  /** The number stored in the database: 0 for express. */
  public short code() {
    return (short) ordinal();
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Priority ofCode(int code) {
    return values()[code];
  }

  /** Parses {@code express}, {@code standard} or {@code batch}. */
  public static Priority of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
