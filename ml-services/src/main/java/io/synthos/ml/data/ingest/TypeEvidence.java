package io.synthos.ml.data.ingest;

/**
 * What a column's first values say about its type. Every non-missing value in the inference window
 * must fit a type for the column to get it; the most specific fit wins: boolean, integer, float,
 * datetime (one layout for all values), else a string type.
 */
final class TypeEvidence {

  private long values;
  private boolean booleans = true;
  private boolean integers = true;
  private boolean numbers = true;
  private boolean dates = true;
  private DateFormat dateFormat;

  void observe(String value) {
    values++;
    if (booleans) {
      booleans = Values.asBoolean(value) != null;
    }
    if (integers) {
      integers = Values.asLong(value) != null;
    }
    if (numbers) {
      numbers = !Double.isNaN(Values.asDouble(value));
    }
    if (dates) {
      String v = value.strip();
      if (dateFormat == null) {
        dateFormat = DateFormat.detect(v);
        dates = dateFormat != null;
      } else {
        dates = !Double.isNaN(dateFormat.epochSeconds(v));
      }
    }
  }

  /** The inferred type; a string column is CATEGORICAL until its final counts decide. */
  ColumnType type() {
    if (values == 0) {
      return ColumnType.CATEGORICAL;
    }
    if (booleans) {
      return ColumnType.BOOLEAN;
    }
    if (integers) {
      return ColumnType.INTEGER;
    }
    if (numbers) {
      return ColumnType.FLOAT;
    }
    return dates ? ColumnType.DATETIME : ColumnType.CATEGORICAL;
  }

  /** The layout all values used, when the type is DATETIME. */
  DateFormat dateFormat() {
    return dateFormat;
  }
}
