package io.synthos.ml.data.ingest;

import java.io.IOException;

/** Receives the values of a second pass over an ingested file, typed as its profile says. */
public interface TypedRowSink {

  /**
   * A value of a numeric, datetime (epoch seconds) or boolean (0/1) column; NaN when missing or
   * when it does not parse as a forced type.
   */
  void number(int column, double value) throws IOException;

  /** A value of a categorical or text column, verbatim; null when missing. */
  void text(int column, String value) throws IOException;

  /** Called after every column of a row has been given a value. */
  void endRow() throws IOException;
}
