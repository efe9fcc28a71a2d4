package io.synthos.ml.data.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The profile of one column.
 *
 * @param name the column's label, verbatim from the file
 * @param type the final type
 * @param overridden true when the caller forced the type
 * @param demotedFrom the type inferred from the first rows when later rows contradicted it, or null
 * @param rows rows in the dataset
 * @param missing missing values (empty, NA, N/A, null, NaN, None; absent JSON keys)
 * @param invalid values that do not parse as a forced type (always 0 for inferred types)
 * @param count values profiled: rows - missing - invalid
 * @param distinct distinct profiled values; a lower bound when {@code distinctExact} is false
 * @param distinctExact whether {@code distinct} is exact
 * @param numeric numeric statistics for INTEGER, FLOAT and DATETIME columns with values, else null
 * @param top up to 20 most frequent values (ties by value) for the other types, else empty
 */
public record ColumnProfile(
    String name,
    ColumnType type,
    boolean overridden,
    ColumnType demotedFrom,
    long rows,
    long missing,
    long invalid,
    long count,
    long distinct,
    boolean distinctExact,
    NumericSummary numeric,
    List<ValueCount> top) {

  static final int TOP = 20;

  /** A string column is TEXT when more than this share of its values is distinct... */
  static final double TEXT_DISTINCT_RATIO = 0.95;

  /** ...and it has at least this many values (a handful of rows says nothing about cardinality). */
  static final long TEXT_MIN_VALUES = 20;

  static ColumnProfile of(
      String name,
      boolean overridden,
      ColumnType type,
      ColumnType demotedFrom,
      long rows,
      long missing,
      long invalid,
      NumericStats numeric,
      ValueCounts strings) {
    long count = rows - missing - invalid;
    if (numeric != null) {
      double[] sorted = numeric.keptValues();
      java.util.Arrays.sort(sorted);
      return new ColumnProfile(
          name,
          type,
          overridden,
          demotedFrom,
          rows,
          missing,
          invalid,
          count,
          numeric.distinct(sorted),
          numeric.exact(),
          numeric.summarize(sorted),
          List.of());
    }
    long distinct = strings.distinct();
    ColumnType finalType = type;
    // More than maxDistinct different strings is never a usable category set.
    if (!overridden
        && type == ColumnType.CATEGORICAL
        && (!strings.exact()
            || (count >= TEXT_MIN_VALUES && distinct > TEXT_DISTINCT_RATIO * count))) {
      finalType = ColumnType.TEXT;
    }
    return new ColumnProfile(
        name,
        finalType,
        overridden,
        demotedFrom,
        rows,
        missing,
        invalid,
        count,
        distinct,
        strings.exact(),
        null,
        strings.top(TOP));
  }

  /** This profile as JSON with snake_case keys. */
  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("name", name)
            .put("type", type.jsonName())
            .put("overridden", overridden)
            .put("demoted_from", demotedFrom == null ? null : demotedFrom.jsonName())
            .put("rows", rows)
            .put("missing", missing)
            .put("invalid", invalid)
            .put("count", count)
            .put("distinct", distinct)
            .put("distinct_exact", distinctExact);
    if (numeric != null) {
      json.put("numeric", numeric.toJson());
    }
    if (!type.numeric()) {
      JsonArray values = new JsonArray();
      top.forEach(
          v -> values.add(new JsonObject().put("value", v.value()).put("count", v.count())));
      json.put("top_values", values);
    }
    return json;
  }
}
