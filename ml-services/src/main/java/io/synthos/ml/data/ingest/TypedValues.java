package io.synthos.ml.data.ingest;

import java.io.IOException;

/**
 * One column's text-to-type conversion for the typed copy, by the same rules as {@link
 * ColumnAccumulator}: numbers, datetimes (epoch seconds) and booleans (0/1) as doubles, NaN when
 * missing or unparseable; categorical and text verbatim, null when missing.
 */
final class TypedValues {

  private final ColumnType type;
  private DateFormat dateFormat;

  TypedValues(ColumnType type) {
    this.type = type;
  }

  void emit(int column, String value, TypedRowSink sink) throws IOException {
    boolean missing = Values.isMissing(value);
    switch (type) {
      case CATEGORICAL, TEXT -> sink.text(column, missing ? null : value);
      default -> sink.number(column, missing ? Double.NaN : number(value));
    }
  }

  private double number(String value) {
    return switch (type) {
      case INTEGER -> {
        Long whole = Values.asLong(value);
        yield whole == null ? Double.NaN : whole;
      }
      case FLOAT -> Values.asDouble(value);
      case BOOLEAN -> {
        Boolean flag = Values.asBoolean(value);
        yield flag == null ? Double.NaN : flag ? 1 : 0;
      }
      case DATETIME -> {
        String v = value.strip();
        // The first parseable value fixes the layout, as in the profile.
        if (dateFormat == null) {
          dateFormat = DateFormat.detect(v);
        }
        yield dateFormat == null ? Double.NaN : dateFormat.epochSeconds(v);
      }
      default -> throw new IllegalStateException("not a numeric type: " + type);
    };
  }
}
