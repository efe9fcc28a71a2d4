package io.synthos.ml.stats.quality;

import io.synthos.ml.common.RawColumn;
import io.synthos.ml.stats.DistinctRows;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** One column's part of the quality section: its missing values and its distinct values. */
record ColumnQuality(RawColumn column, int missing, int distinct) {

  /** A column is reported as highly missing above this share of missing values. */
  static final double HIGH_MISSING = 0.20;

  static ColumnQuality of(RawColumn column) {
    return new ColumnQuality(column, missing(column), distinct(column));
  }

  double missingShare() {
    return (double) missing / column.size();
  }

  /** At most one distinct value present: the column tells the rows nothing apart. */
  boolean constant() {
    return distinct <= 1;
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("column", column.name())
        .put("type", column.type())
        .put("missing", missingShare())
        .put("distinct", distinct)
        .put("constant", constant());
  }

  /** The findings about this column, highly missing before constant. */
  List<JsonObject> issues() {
    List<JsonObject> issues = new ArrayList<>();
    if (missingShare() > HIGH_MISSING) {
      issues.add(issue("high-missing", "is " + percent(missingShare()) + " missing"));
    }
    if (constant()) {
      issues.add(
          issue("constant-column", distinct == 0 ? "has no value at all" : "holds a single value"));
    }
    return issues;
  }

  /** The column's cells for counting distinct rows. */
  DistinctRows.Cells cells() {
    return column.numbers() != null
        ? DistinctRows.of(column.numbers())
        : DistinctRows.of(column.strings());
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  private JsonObject issue(String code, String finding) {
    return new JsonObject()
        .put("code", code)
        .put("column", column.name())
        .put("message", "column '" + column.name() + "' " + finding);
  }

  private static int missing(RawColumn column) {
    int missing = 0;
    for (int row = 0; row < column.size(); row++) {
      boolean absent =
          column.numbers() != null
              ? Double.isNaN(column.numbers()[row])
              : column.strings()[row] == null;
      missing += absent ? 1 : 0;
    }
    return missing;
  }

  /** Distinct values present; -0.0 and 0.0 are one value, as {@code ==} sees them. */
  private static int distinct(RawColumn column) {
    if (column.strings() != null) {
      Set<String> values = new HashSet<>(Arrays.asList(column.strings()));
      values.remove(null);
      return values.size();
    }
    double[] sorted =
        Arrays.stream(column.numbers()).filter(v -> !Double.isNaN(v)).sorted().toArray();
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    return distinct;
  }
}
