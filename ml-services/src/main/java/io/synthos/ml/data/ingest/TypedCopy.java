package io.synthos.ml.data.ingest;

import java.io.IOException;
import java.util.List;

/**
 * Where an ingest writes the typed copy while it profiles, saving a second read of the file. It is
 * opened once every column's type is inferred; whether what it received is complete is said at the
 * end (see {@link DatasetIngestor.Ingested#copied()}): a column whose type changed late needs the
 * second pass after all.
 */
public interface TypedCopy {

  /** A sink for columns of these names and (inferred) types, in file order. */
  TypedRowSink open(List<String> names, List<ColumnType> types) throws IOException;
}
