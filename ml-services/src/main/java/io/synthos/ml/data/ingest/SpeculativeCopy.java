package io.synthos.ml.data.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed copy written during the profiling pass. Rows wait until every column's type is
 * inferred, then go out typed as they arrive. It is complete only if no column changes type later
 * (a demotion) and no column appears mid-file (JSON Lines); otherwise it gives up, and the caller
 * writes the copy in a second pass as before. The rows waiting are bounded: too many, it gives up.
 */
final class SpeculativeCopy {

  private final TypedCopy target;
  private final long maxWaitingCells;
  private List<String[]> waiting = new ArrayList<>();
  private long waitingCells;
  private List<ColumnType> types;
  private TypedValues[] converters;
  private TypedRowSink sink;
  private boolean abandoned;

  SpeculativeCopy(TypedCopy target, long maxWaitingCells) {
    this.target = target;
    this.maxWaitingCells = maxWaitingCells;
  }

  void row(String[] values, List<String> names, List<ColumnAccumulator> columns) {
    if (abandoned) {
      return;
    }
    if (sink != null) {
      TypedRows.emit(values, converters, sink);
      return;
    }
    waiting.add(values);
    waitingCells += Math.max(1, columns.size());
    if (columns.stream().allMatch(column -> column.type() != null)) {
      start(names, columns.stream().map(ColumnAccumulator::type).toList());
    } else if (waitingCells > maxWaitingCells) {
      abandon();
    }
  }

  /** A column appeared after the first row: the copy's layout is wrong from the start. */
  void abandon() {
    abandoned = true;
    waiting = null;
  }

  /** Whether the copy is complete and typed as {@code profiles} say; flushes it if so. */
  boolean complete(List<String> names, List<ColumnProfile> profiles) {
    if (abandoned) {
      return false;
    }
    List<ColumnType> finals = profiles.stream().map(ColumnProfile::type).toList();
    if (sink == null) {
      start(names, finals); // a short file: the types were fixed only at the end
    }
    for (int i = 0; i < finals.size(); i++) {
      if (!sameValues(types.get(i), finals.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a column copied as {@code copied} holds what {@code last} would have written. */
  private static boolean sameValues(ColumnType copied, ColumnType last) {
    // Categorical and text differ only in how many distinct values the profile saw.
    return copied == last || (isString(copied) && isString(last));
  }

  private static boolean isString(ColumnType type) {
    return type == ColumnType.CATEGORICAL || type == ColumnType.TEXT;
  }

  private void start(List<String> names, List<ColumnType> inferred) {
    types = List.copyOf(inferred);
    converters = types.stream().map(TypedValues::new).toArray(TypedValues[]::new);
    try {
      sink = target.open(List.copyOf(names), types);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String[]> rows = waiting;
    waiting = null;
    rows.forEach(values -> TypedRows.emit(values, converters, sink));
  }
}
