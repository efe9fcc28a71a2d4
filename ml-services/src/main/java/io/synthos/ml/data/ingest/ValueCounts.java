package io.synthos.ml.data.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact counts of a column's values while it has at most {@code maxDistinct} of them; after that,
 * values already seen keep being counted but new ones are not, and the counts are flagged inexact.
 * A column whose later values are nearly all new (an id, free text) stops looking them up at all:
 * its counts would hardly move, and the lookups in a full table were a fifth of an ingest.
 */
final class ValueCounts {

  /** Lookups after the bound over which the share of known values is judged. */
  private static final int PROBE = 10_000;

  private final int maxDistinct;
  private final Map<String, long[]> counts = new HashMap<>();
  private boolean overflowed;
  private boolean stopped;
  private int probes;
  private int probeHits;

  ValueCounts(int maxDistinct) {
    this.maxDistinct = maxDistinct;
  }

  void add(String value) {
    if (stopped) {
      return;
    }
    long[] count = counts.get(value);
    if (count != null) {
      count[0]++;
    } else if (counts.size() < maxDistinct) {
      counts.put(value, new long[] {1});
    } else {
      overflowed = true;
    }
    if (overflowed && probes < PROBE) {
      probes++;
      probeHits += count != null ? 1 : 0;
      // Fewer than 1% known: counting on would cost every lookup and change almost nothing.
      stopped = probes == PROBE && probeHits * 100 < PROBE;
    }
  }

  void markInexact() {
    overflowed = true;
  }

  boolean exact() {
    return !overflowed;
  }

  /** Distinct values seen: exact, or the bound when {@link #exact()} is false. */
  long distinct() {
    return counts.size();
  }

  /** The {@code k} most frequent values, ties broken by the value's natural order. */
  List<ValueCount> top(int k) {
    List<ValueCount> all = new ArrayList<>(counts.size());
    counts.forEach((value, count) -> all.add(new ValueCount(value, count[0])));
    all.sort(
        Comparator.comparingLong(ValueCount::count).reversed().thenComparing(ValueCount::value));
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }
}
