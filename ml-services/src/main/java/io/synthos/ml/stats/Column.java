package io.synthos.ml.stats;

import java.util.Objects;

/**
 * One column of one dataset, as the statistics read it: numbers (NaN where missing) for numeric and
 * datetime columns (datetimes as epoch seconds), category codes (-1 where missing) for categorical
 * and boolean ones. Codes index the category list of the {@link MatchedColumn} the column belongs
 * to, shared by every dataset of a validation, so equal codes mean equal values.
 *
 * @param numbers the values when {@code kind} is numeric or datetime, else null
 * @param codes the category codes when {@code kind} is categorical or boolean, else null
 */
public record Column(String name, Kind kind, double[] numbers, int[] codes) {

  /** How a column is compared. */
  public enum Kind {
    NUMERIC,
    DATETIME,
    CATEGORICAL,
    BOOLEAN;

    /** Numeric and datetime columns carry numbers; the others carry codes. */
    public boolean numeric() {
      return this == NUMERIC || this == DATETIME;
    }
  }

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (kind.numeric() != (numbers != null) || kind.numeric() == (codes != null)) {
      throw new IllegalArgumentException(
          "a " + kind + " column carries " + (kind.numeric() ? "numbers" : "codes") + " only");
    }
  }

  public static Column numeric(String name, Kind kind, double[] numbers) {
    return new Column(name, kind, numbers, null);
  }

  public static Column coded(String name, Kind kind, int[] codes) {
    return new Column(name, kind, null, codes);
  }

  public int size() {
    return kind.numeric() ? numbers.length : codes.length;
  }

  public boolean missing(int row) {
    return kind.numeric() ? Double.isNaN(numbers[row]) : codes[row] < 0;
  }

  /** The share of rows that are missing; 0 for an empty column. */
  public double missingFraction() {
    int size = size();
    if (size == 0) {
      return 0;
    }
    int missing = 0;
    for (int row = 0; row < size; row++) {
      if (missing(row)) {
        missing++;
      }
    }
    return (double) missing / size;
  }
}
