package io.synthos.ml.stats.collapse;

import io.synthos.ml.stats.DistinctRows;
import io.synthos.ml.stats.MatchedColumn;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Per-column signals of model collapse for one synthetic generation against the reference: whether
 * the synthetic data keeps the reference's spread, tails, range and categories. Each signal is 1
 * when the generation keeps all of it and falls as it loses it; a signal that cannot be computed
 * (no spread or no values in the reference) is null. Missing values are ignored throughout.
 */
public final class ColumnSignals {

  /** Signals of numeric and datetime columns, in output order. */
  public static final List<String> NUMERIC_SIGNALS =
      List.of("variance_ratio", "iqr_ratio", "tail_ratio", "range_coverage");

  /** Signals of categorical and boolean columns, in output order. */
  public static final List<String> CATEGORICAL_SIGNALS =
      List.of("category_coverage", "rare_category_coverage", "entropy_ratio");

  /** A real category is rare below this share of the real non-missing values. */
  static final double RARE_SHARE = 0.01;

  private ColumnSignals() {}

  /**
   * The signals of every column, their medians across columns and the synthetic duplicate rate.
   *
   * @return {@code {columns: [{column, type, <signal>: value or null}], medians: {<signal>: median
   *     or null}, duplicate_rate}}
   */
  public static JsonObject compute(List<MatchedColumn> columns) {
    JsonArray perColumn = new JsonArray();
    for (MatchedColumn column : columns) {
      perColumn.add(column.numeric() ? numeric(column) : categorical(column));
    }
    return new JsonObject()
        .put("columns", perColumn)
        .put("medians", medians(perColumn))
        .put("duplicate_rate", duplicateRate(columns));
  }

  private static JsonObject numeric(MatchedColumn column) {
    double[] real = SignalMath.presentSorted(column.real().numbers());
    double[] syn = SignalMath.presentSorted(column.synthetic().numbers());
    JsonObject out = header(column);
    if (real.length == 0 || syn.length == 0) {
      NUMERIC_SIGNALS.forEach(signal -> out.putNull(signal));
      return out;
    }
    double varReal = SignalMath.variance(real);
    double varSyn = SignalMath.variance(syn);
    out.put(
        "variance_ratio",
        Double.isNaN(varReal) || varReal == 0 || Double.isNaN(varSyn) ? null : varSyn / varReal);
    double iqrReal = iqr(real);
    out.put("iqr_ratio", iqrReal == 0 ? null : iqr(syn) / iqrReal);
    double p1 = SignalMath.percentile(real, 1);
    double p99 = SignalMath.percentile(real, 99);
    double realTail = outsideShare(real, p1, p99);
    out.put("tail_ratio", realTail == 0 ? null : outsideShare(syn, p1, p99) / realTail);
    double minReal = real[0];
    double maxReal = real[real.length - 1];
    double range = maxReal - minReal;
    Double coverage = null;
    if (range > 0) {
      double lost = Math.max(0, syn[0] - minReal) + Math.max(0, maxReal - syn[syn.length - 1]);
      coverage = Math.min(1, Math.max(0, 1 - lost / range));
    }
    return out.put("range_coverage", coverage);
  }

  private static JsonObject categorical(MatchedColumn column) {
    int categories = column.categories().size();
    long[] real = SignalMath.counts(column.real().codes(), categories);
    long[] syn = SignalMath.counts(column.synthetic().codes(), categories);
    long realTotal = Arrays.stream(real).sum();
    long synTotal = Arrays.stream(syn).sum();
    JsonObject out = header(column);
    if (realTotal == 0 || synTotal == 0) {
      CATEGORICAL_SIGNALS.forEach(signal -> out.putNull(signal));
      return out;
    }
    int present = 0;
    int kept = 0;
    int rare = 0;
    int rareKept = 0;
    for (int code = 0; code < real.length; code++) {
      if (real[code] == 0) {
        continue;
      }
      boolean inSyn = code < syn.length && syn[code] > 0;
      present++;
      kept += inSyn ? 1 : 0;
      if ((double) real[code] / realTotal < RARE_SHARE) {
        rare++;
        rareKept += inSyn ? 1 : 0;
      }
    }
    out.put("category_coverage", (double) kept / present);
    out.put("rare_category_coverage", rare == 0 ? null : (double) rareKept / rare);
    double hReal = SignalMath.entropy(real, realTotal);
    return out.put("entropy_ratio", hReal == 0 ? null : SignalMath.entropy(syn, synTotal) / hReal);
  }

  private static JsonObject header(MatchedColumn column) {
    return new JsonObject()
        .put("column", column.name())
        .put("type", column.kind().name().toLowerCase(Locale.ROOT));
  }

  private static double iqr(double[] sorted) {
    return SignalMath.percentile(sorted, 75) - SignalMath.percentile(sorted, 25);
  }

  private static double outsideShare(double[] values, double low, double high) {
    int outside = 0;
    for (double v : values) {
      if (v < low || v > high) {
        outside++;
      }
    }
    return (double) outside / values.length;
  }

  private static JsonObject medians(JsonArray perColumn) {
    JsonObject medians = new JsonObject();
    List<String> signals = new ArrayList<>(NUMERIC_SIGNALS);
    signals.addAll(CATEGORICAL_SIGNALS);
    for (String signal : signals) {
      double[] values =
          perColumn.stream()
              .map(c -> ((JsonObject) c).getDouble(signal))
              .filter(v -> v != null)
              .mapToDouble(Double::doubleValue)
              .sorted()
              .toArray();
      medians.put(signal, values.length == 0 ? null : SignalMath.median(values));
    }
    return medians;
  }

  /** The share of synthetic rows equal, over every matched column, to an earlier one. */
  private static Double duplicateRate(List<MatchedColumn> columns) {
    if (columns.isEmpty()) {
      return null;
    }
    int rows = columns.get(0).synthetic().size();
    for (MatchedColumn column : columns) {
      if (column.synthetic().size() != rows) {
        throw new IllegalArgumentException(
            "column " + column.name() + " has " + column.synthetic().size() + " rows, not " + rows);
      }
    }
    if (rows == 0) {
      return null;
    }
    int distinct =
        DistinctRows.count(
            rows, columns.stream().map(column -> DistinctRows.of(column.synthetic())).toList());
    return (double) (rows - distinct) / rows;
  }
}
