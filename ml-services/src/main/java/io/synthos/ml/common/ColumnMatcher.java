package io.synthos.ml.common;

import io.synthos.ml.stats.Column;
import io.synthos.ml.stats.MatchedColumn;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches the columns of the reference, synthetic and (optional) holdout datasets by name, and
 * encodes them for the statistics: categories become codes shared by all three datasets. What
 * cannot be compared is reported with the reason, never fatal on its own.
 */
public final class ColumnMatcher {

  private static final List<String> BOOLEAN_CATEGORIES = List.of("false", "true");

  private ColumnMatcher() {}

  /** The columns to compare, what was skipped and why, and whether the holdout can be used. */
  public record Matching(
      List<MatchedColumn> columns, List<JsonObject> skipped, boolean holdoutUsed) {}

  public static Matching match(
      List<RawColumn> reference, List<RawColumn> synthetic, List<RawColumn> holdout) {
    Map<String, RawColumn> byName = new LinkedHashMap<>();
    synthetic.forEach(column -> byName.put(column.name(), column));
    Map<String, RawColumn> holdoutByName = new LinkedHashMap<>();
    if (holdout != null) {
      holdout.forEach(column -> holdoutByName.put(column.name(), column));
    }
    List<JsonObject> skipped = new ArrayList<>();
    List<RawColumn[]> pairs = new ArrayList<>();
    for (RawColumn real : reference) {
      RawColumn syn = byName.remove(real.name());
      Optional<String> why = reason(real, syn);
      if (why.isPresent()) {
        skipped.add(skip(real.name(), why.get()));
      } else {
        pairs.add(new RawColumn[] {real, syn, holdoutByName.get(real.name())});
      }
    }
    byName.keySet().forEach(name -> skipped.add(skip(name, "only in the synthetic dataset")));
    boolean holdoutUsed = holdout != null;
    if (holdoutUsed) {
      for (RawColumn[] pair : pairs) {
        RawColumn held = pair[2];
        if (held == null || !kind(held.type()).equals(kind(pair[0].type()))) {
          skipped.add(
              skip(
                  pair[0].name(),
                  held == null
                      ? "not in the holdout dataset: the holdout is not used"
                      : "typed " + held.type() + " in the holdout: the holdout is not used"));
          holdoutUsed = false;
        }
      }
    }
    List<MatchedColumn> columns = new ArrayList<>();
    for (RawColumn[] pair : pairs) {
      columns.add(encode(pair[0], pair[1], holdoutUsed ? pair[2] : null));
    }
    return new Matching(columns, skipped, holdoutUsed);
  }

  private static Optional<String> reason(RawColumn real, RawColumn syn) {
    if (syn == null) {
      return Optional.of("only in the reference dataset");
    }
    if (real.type().equals("text") || syn.type().equals("text")) {
      return Optional.of("a text or identifier column: its values are not compared");
    }
    Optional<Column.Kind> realKind = kind(real.type());
    Optional<Column.Kind> synKind = kind(syn.type());
    if (realKind.isEmpty() || synKind.isEmpty()) {
      return Optional.of("of a type the metrics do not know");
    }
    if (realKind.get() != synKind.get()) {
      return Optional.of(
          "typed " + real.type() + " in the reference but " + syn.type() + " in the synthetic");
    }
    return Optional.empty();
  }

  private static Optional<Column.Kind> kind(String type) {
    return switch (type) {
      case "integer", "float" -> Optional.of(Column.Kind.NUMERIC);
      case "datetime" -> Optional.of(Column.Kind.DATETIME);
      case "boolean" -> Optional.of(Column.Kind.BOOLEAN);
      case "categorical" -> Optional.of(Column.Kind.CATEGORICAL);
      default -> Optional.empty();
    };
  }

  private static MatchedColumn encode(RawColumn real, RawColumn syn, RawColumn held) {
    Column.Kind kind = kind(real.type()).orElseThrow();
    if (kind.numeric()) {
      return new MatchedColumn(
          real.name(),
          kind,
          Column.numeric(real.name(), kind, real.numbers()),
          Column.numeric(real.name(), kind, syn.numbers()),
          held == null ? null : Column.numeric(real.name(), kind, held.numbers()),
          List.of());
    }
    if (kind == Column.Kind.BOOLEAN) {
      return new MatchedColumn(
          real.name(),
          kind,
          Column.coded(real.name(), kind, booleans(real.numbers())),
          Column.coded(real.name(), kind, booleans(syn.numbers())),
          held == null ? null : Column.coded(real.name(), kind, booleans(held.numbers())),
          BOOLEAN_CATEGORIES);
    }
    Map<String, Integer> dictionary = new LinkedHashMap<>();
    int[] realCodes = codes(real.strings(), dictionary);
    int[] synCodes = codes(syn.strings(), dictionary);
    int[] heldCodes = held == null ? null : codes(held.strings(), dictionary);
    return new MatchedColumn(
        real.name(),
        kind,
        Column.coded(real.name(), kind, realCodes),
        Column.coded(real.name(), kind, synCodes),
        heldCodes == null ? null : Column.coded(real.name(), kind, heldCodes),
        new ArrayList<>(dictionary.keySet()));
  }

  private static int[] booleans(double[] numbers) {
    int[] codes = new int[numbers.length];
    for (int i = 0; i < numbers.length; i++) {
      codes[i] = Double.isNaN(numbers[i]) ? -1 : (numbers[i] != 0 ? 1 : 0);
    }
    return codes;
  }

  private static int[] codes(String[] values, Map<String, Integer> dictionary) {
    int[] codes = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      codes[i] =
          values[i] == null ? -1 : dictionary.computeIfAbsent(values[i], v -> dictionary.size());
    }
    return codes;
  }

  private static JsonObject skip(String column, String reason) {
    return new JsonObject().put("column", column).put("reason", reason);
  }
}
