package io.synthos.ml.data.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One column's pass over the data. Its first values are buffered until the type is inferred, then
 * replayed; later values that contradict the type demote it (integer to float, anything to a string
 * type) rather than fail. A type forced by the caller never changes: values that do not parse as it
 * are counted as invalid.
 */
final class ColumnAccumulator {

  private final String name;
  private final ColumnType forced;
  private final IngestLimits limits;
  private final int window;
  private List<String> buffered = new ArrayList<>();
  private ColumnType type;
  private ColumnType demotedFrom;
  private DateFormat dateFormat;
  private NumericStats numeric;
  private ValueCounts strings;
  private long rows;
  private long missing;
  private long invalid;

  ColumnAccumulator(String name, ColumnType forced, IngestLimits limits, int window) {
    this.name = name;
    this.forced = forced;
    this.limits = limits;
    this.window = window;
  }

  /** Rows that did not carry this column at all (JSON Lines keys first seen later). */
  void addAbsent(long count) {
    rows += count;
    missing += count;
  }

  void accept(String value) {
    rows++;
    if (Values.isMissing(value)) {
      missing++;
    } else if (type != null) {
      feed(value);
    } else {
      buffered.add(value);
      if (buffered.size() >= window) {
        fixType();
      }
    }
  }

  private void fixType() {
    TypeEvidence evidence = new TypeEvidence();
    buffered.forEach(evidence::observe);
    type = forced != null ? forced : evidence.type();
    dateFormat = evidence.dateFormat();
    if (type.numeric()) {
      numeric = new NumericStats(limits.maxExactValues());
    } else {
      strings = new ValueCounts(limits.maxDistinct());
    }
    List<String> replay = buffered;
    buffered = null;
    replay.forEach(this::feed);
  }

  private void feed(String value) {
    switch (type) {
      case INTEGER -> {
        Long whole = Values.asLong(value);
        if (whole != null) {
          numeric.add(whole);
        } else if (forced == null && !Double.isNaN(Values.asDouble(value))) {
          demotedFrom = ColumnType.INTEGER;
          type = ColumnType.FLOAT;
          numeric.add(Values.asDouble(value));
        } else {
          reject(value);
        }
      }
      case FLOAT -> accept(Values.asDouble(value), value);
      case DATETIME -> {
        String v = value.strip();
        // A forced DATETIME column takes the layout of its first parseable value.
        if (dateFormat == null) {
          dateFormat = DateFormat.detect(v);
        }
        accept(dateFormat == null ? Double.NaN : dateFormat.epochSeconds(v), value);
      }
      case BOOLEAN -> {
        Boolean flag = Values.asBoolean(value);
        if (flag != null) {
          strings.add(flag.toString());
        } else {
          reject(value);
        }
      }
      default -> strings.add(value);
    }
  }

  private void accept(double parsed, String value) {
    if (Double.isNaN(parsed)) {
      reject(value);
    } else {
      numeric.add(parsed);
    }
  }

  private void reject(String value) {
    if (forced != null) {
      invalid++;
      return;
    }
    demoteToString();
    strings.add(value);
  }

  /**
   * Turns a typed column into a string column mid-stream. Numeric values already seen are recounted
   * in canonical form ({@code 7}, {@code 1.5}, ISO-8601 instants) since their original text is
   * gone; booleans keep their canonical {@code true}/{@code false}.
   */
  private void demoteToString() {
    if (demotedFrom == null) {
      demotedFrom = type;
    }
    if (numeric != null) {
      strings = new ValueCounts(limits.maxDistinct());
      if (!numeric.exact()) {
        strings.markInexact(); // only a sample of the earlier values survives
      }
      for (double v : numeric.keptValues()) {
        strings.add(canonical(v));
      }
      numeric = null;
    }
    type = ColumnType.CATEGORICAL;
  }

  private String canonical(double v) {
    return switch (type) {
      case INTEGER -> Long.toString((long) v);
      case DATETIME -> {
        long seconds = (long) Math.floor(v);
        yield Instant.ofEpochSecond(seconds, Math.round((v - seconds) * 1e9)).toString();
      }
      // A float column may have been an integer one until recently; keep whole numbers whole.
      default ->
          v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    };
  }

  /** The type inferred so far; null while the first values are still being inspected. */
  ColumnType type() {
    return type;
  }

  ColumnProfile finish() {
    if (type == null) {
      fixType();
    }
    return ColumnProfile.of(
        name, forced != null, type, demotedFrom, rows, missing, invalid, numeric, strings);
  }
}
