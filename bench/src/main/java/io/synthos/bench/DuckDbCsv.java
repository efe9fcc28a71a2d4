package io.synthos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * DuckDB's CSV reader on the same file, in-process over JDBC: the peer issue #5 measures against.
 * By default each load goes into a fresh database file, so DuckDB writes its columnar copy to disk
 * as Synthos does, and starts as cold as Synthos's first ingest of a new dataset.
 */
final class DuckDbCsv {

  /** Seconds spent loading and summarizing, the rows loaded and the column types it inferred. */
  record Result(
      double loadSeconds, double summarizeSeconds, long rows, Map<String, Integer> types) {
    double totalSeconds() {
      return loadSeconds + summarizeSeconds;
    }
  }

  private DuckDbCsv() {}

  /**
   * {@code CREATE TABLE t AS SELECT * FROM read_csv(…)}, then {@code SUMMARIZE t} (min, max,
   * approximate distinct count, mean, standard deviation, quartiles, null share per column), the
   * nearest DuckDB has to Synthos's profile.
   *
   * @param threads DuckDB's worker threads, or 0 for its default (one per core)
   * @param inMemory keep the table in memory instead of a database file in {@code workDir}
   */
  static Result loadAndSummarize(Path csv, Path workDir, int threads, boolean inMemory)
      throws SQLException {
    Path database = workDir.resolve("duckdb-" + System.nanoTime() + ".db");
    String url = "jdbc:duckdb:" + (inMemory ? "" : database);
    try (Connection connection = DriverManager.getConnection(url);
        Statement sql = connection.createStatement()) {
      if (threads > 0) {
        sql.execute("SET threads = " + threads);
      }
      long start = System.nanoTime();
      sql.execute(
          "CREATE TABLE t AS SELECT * FROM read_csv('"
              + csv
              + "', header = true, nullstr = "
              + SyntheticCsv.DUCKDB_NULLS
              + ")");
      long loaded = System.nanoTime();
      int summaryRows = drain(sql.executeQuery("SUMMARIZE t"));
      long summarized = System.nanoTime();
      if (summaryRows == 0) {
        throw new IllegalStateException("SUMMARIZE answered nothing");
      }
      return new Result(
          (loaded - start) / 1e9, (summarized - loaded) / 1e9, count(sql), types(sql));
    } finally {
      deleteQuietly(database);
      deleteQuietly(database.resolveSibling(database.getFileName() + ".wal"));
    }
  }

  /** Reads every row, as a client would, so no part of the answer is left uncomputed. */
  private static int drain(ResultSet rows) throws SQLException {
    try (rows) {
      int count = 0;
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int i = 1; i <= columns; i++) {
          rows.getObject(i);
        }
        count++;
      }
      return count;
    }
  }

  private static long count(Statement sql) throws SQLException {
    try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM t")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** How many columns of each type DuckDB inferred, e.g. {BIGINT=5, VARCHAR=7}. */
  private static Map<String, Integer> types(Statement sql) throws SQLException {
    Map<String, Integer> types = new TreeMap<>();
    try (ResultSet rows = sql.executeQuery("DESCRIBE t")) {
      while (rows.next()) {
        types.merge(rows.getString("column_type"), 1, Integer::sum);
      }
    }
    return types;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      System.err.println("cannot delete " + file + ": " + e.getMessage());
    }
  }
}
