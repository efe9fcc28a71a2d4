package io.synthos.ml.data.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads the everyday shapes of the {@link DateFormat} layouts — {@code 2024-01-31}, {@code
 * 2024-01-31T12:00:00.250}, {@code 2024-01-31 12:00:00}, {@code 2024-01-31T12:00:00Z}, {@code
 * …+02:00} — straight from the characters, because {@code java.time}'s parser allocates a map per
 * value and was a quarter of an ingest. Anything else, including every invalid value, answers NaN
 * and goes to the formatter, which stays the authority: this only ever agrees with it, faster.
 */
final class FixedWidthDates {

  private FixedWidthDates() {}

  /** Epoch seconds, as the formatter computes them, or NaN when the formatter must decide. */
  static double epochSeconds(String s, DateFormat format) {
    int n = s.length();
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    if (year < 0 || month < 0 || day < 0) {
      return Double.NaN;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException invalid) {
      return Double.NaN;
    }
    if (!format.hasTime()) {
      return n == 10 ? epochDay * 86_400.0 : Double.NaN;
    }
    if (n < 16 || s.charAt(10) != format.separator() || s.charAt(13) != ':') {
      return Double.NaN;
    }
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = 0;
    int nanos = 0;
    int i = 16;
    if (i < n && s.charAt(i) == ':') {
      second = digits(s, 17, 2);
      i = 19;
      if (i < n && s.charAt(i) == '.') {
        int start = ++i;
        while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
          nanos = nanos * 10 + (s.charAt(i) - '0');
          i++;
        }
        if (i == start) {
          return Double.NaN;
        }
        for (int scale = i - start; scale < 9; scale++) {
          nanos *= 10;
        }
      }
    } else if (!format.secondsOptional()) {
      return Double.NaN;
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return Double.NaN;
    }
    long epochSecond = epochDay * 86_400L + hour * 3_600L + minute * 60L + second;
    if (format.hasOffset()) {
      int offset = offsetSeconds(s, i);
      if (offset == Integer.MIN_VALUE) {
        return Double.NaN;
      }
      epochSecond -= offset;
    } else if (i != n) {
      return Double.NaN;
    }
    return epochSecond + nanos / 1e9;
  }

  /** {@code Z} or {@code ±HH:MM} ending the text at {@code i}; MIN_VALUE when it is neither. */
  private static int offsetSeconds(String s, int i) {
    int n = s.length();
    if (i == n - 1 && s.charAt(i) == 'Z') {
      return 0;
    }
    if (n - i != 6 || s.charAt(i + 3) != ':') {
      return Integer.MIN_VALUE;
    }
    char sign = s.charAt(i);
    int hours = digits(s, i + 1, 2);
    int minutes = digits(s, i + 4, 2);
    if ((sign != '+' && sign != '-') || hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3_600 + minutes * 60;
    if (seconds > 18 * 3_600) {
      return Integer.MIN_VALUE;
    }
    return sign == '+' ? seconds : -seconds;
  }

  /** The {@code count} digits at {@code start} as a number, or -1 when they are not all digits. */
  private static int digits(String s, int start, int count) {
    if (start + count > s.length()) {
      return -1;
    }
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
