package io.synthos.platform.metrics;

import io.vertx.core.spi.metrics.ClientMetrics;

/**
 * Counts and times each query of one database connection by its SQL operation, then hands the call
 * on to Vert.x's own client metrics. A failed query also counts as a database error.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class SqlQueryMetrics implements ClientMetrics<SqlQueryMetrics.Query, Object, Object> {

  /** One query in flight: when it began, what it does, and Vert.x's own record of it. */
  record Query(long start, String operation, Object own) {}

  private final Metrics metrics;
  private final ClientMetrics own;

  SqlQueryMetrics(Metrics metrics, ClientMetrics<?, ?, ?> own) {
    this.metrics = metrics;
    this.own = own;
  }

  @Override
  public Query requestBegin(String uri, Object request) {
    return new Query(
        System.nanoTime(),
        SqlOperation.of(uri),
        own == null ? null : own.requestBegin(uri, request));
  }

  @Override
  public void requestEnd(Query query, long bytesWritten) {
    if (own != null) {
      own.requestEnd(query.own(), bytesWritten);
    }
  }

  @Override
  public void responseBegin(Query query, Object response) {
    if (own != null) {
      own.responseBegin(query.own(), response);
    }
  }

  @Override
  public void responseEnd(Query query, long bytesRead) {
    record(query);
    if (own != null) {
      own.responseEnd(query.own(), bytesRead);
    }
  }

  @Override
  public void requestReset(Query query) {
    record(query);
    metrics.error("query-failed", "db");
    if (own != null) {
      own.requestReset(query.own());
    }
  }

  private void record(Query query) {
    metrics.count(Metrics.DB_QUERIES, "operation", query.operation());
    metrics.time(
        Metrics.DB_DURATION, System.nanoTime() - query.start(), "operation", query.operation());
  }

  @Override
  public void close() {
    if (own != null) {
      own.close();
    }
  }
}
