package io.synthos.ml.common;

/**
 * A column as the data service sends it: its name, its ingest type, and its values — numbers for
 * integer, float, datetime (epoch seconds) and boolean (0/1) columns, NaN where missing; strings
 * for categorical and text columns, null where missing.
 */
public record RawColumn(String name, String type, double[] numbers, String[] strings) {

  public int size() {
    return numbers != null ? numbers.length : strings.length;
  }
}
