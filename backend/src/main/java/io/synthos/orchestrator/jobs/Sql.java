package io.synthos.orchestrator.jobs;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Conversions for query parameters and results: time always comes from the scheduler's clock, never
 * now().
 */
public final class Sql {

  private Sql() {}

  public static OffsetDateTime at(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** The first column of every row, a UUID: what a query that selects ids answers. */
  public static List<UUID> ids(RowSet<Row> rows) {
    List<UUID> ids = new ArrayList<>();
    rows.forEach(row -> ids.add(row.getUUID(0)));
    return ids;
  }
}
