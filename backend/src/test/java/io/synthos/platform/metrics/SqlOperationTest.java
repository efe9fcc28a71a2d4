package io.synthos.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The SQL operation label")
class SqlOperationTest {

  @Test
  @DisplayName("is the statement's first keyword, or what a WITH query changes")
  void classifies() {
    assertThat(SqlOperation.of("SELECT 1")).isEqualTo("select");
    assertThat(SqlOperation.of("  insert INTO jobs (id) VALUES ($1)")).isEqualTo("insert");
    assertThat(SqlOperation.of("UPDATE jobs SET state = $2")).isEqualTo("update");
    assertThat(SqlOperation.of("DELETE FROM jobs")).isEqualTo("delete");
    assertThat(SqlOperation.of("WITH x AS (UPDATE jobs SET a = 1 RETURNING id) SELECT * FROM x"))
        .isEqualTo("update");
    assertThat(SqlOperation.of("WITH x AS (SELECT deleted_at FROM t) SELECT * FROM x"))
        .isEqualTo("select");
    assertThat(SqlOperation.of("BEGIN")).isEqualTo("other");
    assertThat(SqlOperation.of(null)).isEqualTo("other");
  }

  @Test
  @DisplayName("reads the metric names of a PromQL query, not its functions, labels or keywords")
  void promqlNames() {
    assertThat(
            MonitoringQueries.namesIn(
                "histogram_quantile(0.99, sum by (le, path) (rate(http_request_duration_seconds_bucket{path!~\".*/events\"}[5m]))) > 2"))
        .containsExactly("http_request_duration_seconds_bucket");
    assertThat(
            MonitoringQueries.namesIn(
                "sum(rate(http_requests_total{status=~\"5..\"}[5m])) / clamp_min(sum(rate(errors_total[5m])), 1e-9)"))
        .containsExactlyInAnyOrder("http_requests_total", "errors_total");
    assertThat(MonitoringQueries.namesIn("pg_up == 0 or up{job=\"postgres\"} == 0"))
        .containsExactlyInAnyOrder("pg_up", "up");
  }
}
