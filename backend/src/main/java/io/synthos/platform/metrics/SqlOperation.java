package io.synthos.platform.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The kind of a SQL statement, as a metric label: select, insert, update, delete or other. */
final class SqlOperation {

  /** Statements are constants, so their kinds are remembered; a bound keeps odd ones in check. */
  private static final int REMEMBERED = 2_000;

  private static final Map<String, String> KNOWN = new ConcurrentHashMap<>();

  private SqlOperation() {}

  static String of(String sql) {
    if (sql == null) {
      return "other";
    }
    String known = KNOWN.get(sql);
    if (known != null) {
      return known;
    }
    String operation = classify(sql);
    if (KNOWN.size() < REMEMBERED) {
      KNOWN.put(sql, operation);
    }
    return operation;
  }

  /** The first keyword decides; a {@code WITH} query is what its data-changing part does. */
  static String classify(String sql) {
    String text = sql.stripLeading().toLowerCase(Locale.ROOT);
    String first = text.split("[\\s(]", 2)[0];
    return switch (first) {
      case "select", "insert", "update", "delete" -> first;
      case "with" -> {
        for (String change : new String[] {"insert", "update", "delete"}) {
          if (text.matches("(?s).*\\b" + change + "\\b.*")) {
            yield change;
          }
        }
        yield "select";
      }
      default -> "other";
    };
  }
}
