package io.synthos.ml.data.ingest;

import io.synthos.ml.data.ingest.IngestException.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Receives parsed rows from a format reader and feeds each column's accumulator. */
final class RowProfiler {

  private final IngestOptions options;
  private final List<String> names = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  private final List<ColumnAccumulator> columns = new ArrayList<>();
  private final Consumer<String[]> replay;
  private SpeculativeCopy copy;
  private int window;
  private long rows;

  RowProfiler(IngestOptions options) {
    this(options, (TypedCopy) null);
  }

  /** A profiler that also writes the typed copy as it goes, when the types allow (see there). */
  RowProfiler(IngestOptions options, TypedCopy copy) {
    this(options, (Consumer<String[]>) null);
    // Rows wait while types are inferred, as many cells as the inference itself may hold.
    this.copy = copy == null ? null : new SpeculativeCopy(copy, options.limits().inferenceCells());
  }

  /**
   * A profiler that hands each row to {@code replay} instead of profiling it: the format readers
   * then serve a second pass (see {@link TypedRows}) with the same column positions as the first.
   */
  RowProfiler(IngestOptions options, Consumer<String[]> replay) {
    this.options = options;
    this.replay = replay;
  }

  /** Declares the header; names are labels kept verbatim, never trimmed or interpreted. */
  void header(List<String> header, long line) {
    if (header.size() > options.limits().maxColumns()) {
      throw tooManyColumns(line, header.size());
    }
    window = options.limits().inferenceRowsFor(header.size());
    for (String name : header) {
      addColumn(name, line);
    }
  }

  /** The position of {@code name}, adding it as a new column (JSON Lines) when first seen. */
  int columnFor(String name, long line) {
    Integer at = index.get(name);
    if (at != null) {
      return at;
    }
    if (columns.size() >= options.limits().maxColumns()) {
      throw tooManyColumns(line, columns.size() + 1);
    }
    if (window == 0) {
      window = options.limits().inferenceRowsFor(options.limits().maxColumns());
    }
    addColumn(name, line);
    columns.get(columns.size() - 1).addAbsent(rows);
    if (copy != null && rows > 0) {
      copy.abandon();
    }
    return columns.size() - 1;
  }

  private void addColumn(String name, long line) {
    int position = names.size() + 1;
    if (name.isBlank()) {
      throw new IngestException(
          Kind.BLANK_COLUMN,
          line,
          name,
          "line " + line + ": column " + position + " has no name; every column needs a label");
    }
    Integer earlier = index.putIfAbsent(name, names.size());
    if (earlier != null) {
      throw new IngestException(
          Kind.DUPLICATE_COLUMN,
          line,
          name,
          "line "
              + line
              + ": columns "
              + (earlier + 1)
              + " and "
              + position
              + " are both named \""
              + name
              + "\"; column names must be unique");
    }
    names.add(name);
    columns.add(
        new ColumnAccumulator(name, options.overrides().get(name), options.limits(), window));
  }

  /** One data row; {@code values} may be shorter than the column count (absent = missing). */
  void row(String[] values) {
    rows++;
    if (replay != null) {
      replay.accept(values);
      return;
    }
    for (int i = 0; i < columns.size(); i++) {
      columns.get(i).accept(i < values.length ? values[i] : null);
    }
    if (copy != null) {
      copy.row(values, names, columns);
    }
  }

  int columnCount() {
    return columns.size();
  }

  long rows() {
    return rows;
  }

  List<ColumnProfile> finish() {
    List<ColumnProfile> profiles = new ArrayList<>(columns.size());
    columns.forEach(c -> profiles.add(c.finish()));
    return profiles;
  }

  /** After {@link #finish}: whether the typed copy written on the way is complete and right. */
  boolean copied(List<ColumnProfile> profiles) {
    return copy != null && copy.complete(names, profiles);
  }

  private IngestException tooManyColumns(long line, int count) {
    return IngestException.at(
        Kind.TOO_MANY_COLUMNS,
        line,
        count + " columns exceed the limit of " + options.limits().maxColumns());
  }
}
