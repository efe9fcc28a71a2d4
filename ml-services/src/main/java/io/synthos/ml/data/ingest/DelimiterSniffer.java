package io.synthos.ml.data.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Guesses a CSV delimiter from the first lines: the candidate that appears the same number of times
 * on every sampled line (quoted text ignored), preferring the one that splits the header most.
 */
final class DelimiterSniffer {

  static final char[] CANDIDATES = {',', '\t', ';', '|'};
  private static final int SAMPLE_CHARS = 64 * 1024;
  private static final int SAMPLE_LINES = 50;

  private DelimiterSniffer() {}

  /** Peeks at the start of {@code reader} (which is reset afterwards) and picks a delimiter. */
  static char sniff(BufferedReader reader) throws IOException {
    reader.mark(SAMPLE_CHARS + 1);
    char[] sample = new char[SAMPLE_CHARS];
    int length = 0;
    int n;
    while (length < sample.length
        && (n = reader.read(sample, length, sample.length - length)) > 0) {
      length += n;
    }
    reader.reset();
    return pick(countPerLine(sample, length, length < sample.length));
  }

  /** Per complete record (newlines inside quotes do not end one), the count of each candidate. */
  private static List<int[]> countPerLine(char[] text, int length, boolean wholeFile) {
    List<int[]> lines = new ArrayList<>();
    int[] counts = new int[CANDIDATES.length];
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < length && lines.size() < SAMPLE_LINES; i++) {
      char c = text[i];
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        if (any) {
          lines.add(counts);
        }
        counts = new int[CANDIDATES.length];
        any = false;
      } else if (!quoted) {
        any = true;
        for (int k = 0; k < CANDIDATES.length; k++) {
          if (c == CANDIDATES[k]) {
            counts[k]++;
          }
        }
      }
    }
    // A truncated last line would count too few delimiters, so it only counts at the end of file.
    if (any && wholeFile && lines.size() < SAMPLE_LINES) {
      lines.add(counts);
    }
    return lines;
  }

  private static char pick(List<int[]> lines) {
    if (lines.isEmpty()) {
      return ',';
    }
    int best = -1;
    boolean bestConsistent = false;
    for (int k = 0; k < CANDIDATES.length; k++) {
      int header = lines.get(0)[k];
      if (header == 0) {
        continue;
      }
      boolean consistent = true;
      for (int[] line : lines) {
        consistent &= line[k] == header;
      }
      // A consistent candidate beats an inconsistent one; then more header splits win.
      boolean better =
          best < 0
              || (consistent && !bestConsistent)
              || (consistent == bestConsistent && header > lines.get(0)[best]);
      if (better) {
        best = k;
        bestConsistent = consistent;
      }
    }
    return best < 0 ? ',' : CANDIDATES[best];
  }
}
