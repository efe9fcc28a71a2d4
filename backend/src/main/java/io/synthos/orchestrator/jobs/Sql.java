package io.synthos.orchestrator.jobs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions for query parameters: time always comes from the scheduler's clock, never now(). */
public final class Sql {

  private Sql() {}

  public static OffsetDateTime at(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
