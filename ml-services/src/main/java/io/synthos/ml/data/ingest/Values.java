package io.synthos.ml.data.ingest;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;

/**
 * How one text value reads as each type. Numbers: an optional sign, digits, optional fraction and
 * exponent; no thousands separators, no {@code Infinity}. A number whose integer part has a leading
 * zero ({@code 007}, {@code -01.5}) is a code, not a number. Surrounding whitespace is ignored for
 * typed parsing.
 */
final class Values {

  /** Markers of a missing value, compared case-insensitively after trimming. */
  static final Set<String> MISSING = Set.of("", "na", "n/a", "null", "nan", "none");

  private Values() {}

  static boolean isMissing(String value) {
    if (value == null) {
      return true;
    }
    int n = value.length();
    // Most values are longer than any marker and have no space around them: no copy needed.
    if (n > 4
        && !Character.isWhitespace(value.charAt(0))
        && !Character.isWhitespace(value.charAt(n - 1))) {
      return false;
    }
    String v = value.strip();
    return v.length() <= 4 && MISSING.contains(v.toLowerCase(Locale.ROOT));
  }

  /** The value as a long, or null when it is not a plain integer or does not fit a long. */
  static Long asLong(String value) {
    String v = value.strip();
    int digits = numberShape(v);
    if (digits <= 0 || digits != v.length() - signLength(v)) {
      return null;
    }
    if (digits > 18) {
      BigInteger big = new BigInteger(v);
      return big.bitLength() < 64 ? big.longValue() : null;
    }
    return Long.parseLong(v);
  }

  /** The value as a double, or NaN when it is not a number (or is a zero-padded code). */
  static double asDouble(String value) {
    String v = value.strip();
    if (numberShape(v) < 0) {
      return Double.NaN;
    }
    double fast = plainDecimal(v);
    if (!Double.isNaN(fast)) {
      return fast;
    }
    double d = Double.parseDouble(v);
    // 1e999 overflows to infinity, which no statistic survives; treat it as not a number.
    return Double.isInfinite(d) ? Double.NaN : d;
  }

  /** TRUE, FALSE, or null when not a boolean word. */
  static Boolean asBoolean(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes" -> Boolean.TRUE;
      case "false", "no" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** Exact powers of ten: every one up to 10^22 is a double. */
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  /**
   * A decimal such as {@code -123.45} read without {@link Double#parseDouble}'s allocations: with
   * at most 15 digits and 22 decimals, digits ÷ 10^decimals is one correctly rounded division of
   * two exact doubles, so it is the very double {@code parseDouble} gives (Clinger's fast path).
   * NaN for any other shape (exponents, longer numbers), which then takes the general way.
   */
  static double plainDecimal(String v) {
    int n = v.length();
    int i = signLength(v);
    long digits = 0;
    int count = 0;
    int decimals = -1;
    for (; i < n; i++) {
      char c = v.charAt(i);
      if (c == '.' && decimals < 0) {
        decimals = 0;
      } else if (isDigit(c) && count < 15) {
        digits = digits * 10 + (c - '0');
        count++;
        if (decimals >= 0) {
          decimals++;
        }
      } else {
        return Double.NaN;
      }
    }
    if (count == 0 || decimals > 22) {
      return Double.NaN;
    }
    double magnitude = decimals <= 0 ? digits : digits / POWERS_OF_TEN[decimals];
    return v.charAt(0) == '-' ? -magnitude : magnitude;
  }

  private static int signLength(String v) {
    return !v.isEmpty() && (v.charAt(0) == '-' || v.charAt(0) == '+') ? 1 : 0;
  }

  /**
   * Validates {@code [+-]?(digits[.digits*]|.digits)([eE][+-]?digits)?} with no leading zero in the
   * integer part; returns the count of integer digits (0 for {@code .5}), or -1 when not a number.
   */
  private static int numberShape(String v) {
    int i = signLength(v);
    int n = v.length();
    int start = i;
    while (i < n && isDigit(v.charAt(i))) {
      i++;
    }
    int intDigits = i - start;
    if (intDigits > 1 && v.charAt(start) == '0') {
      return -1;
    }
    int fracDigits = 0;
    if (i < n && v.charAt(i) == '.') {
      i++;
      int fracStart = i;
      while (i < n && isDigit(v.charAt(i))) {
        i++;
      }
      fracDigits = i - fracStart;
    }
    if (intDigits + fracDigits == 0) {
      return -1;
    }
    if (i < n && (v.charAt(i) == 'e' || v.charAt(i) == 'E')) {
      i++;
      if (i < n && (v.charAt(i) == '-' || v.charAt(i) == '+')) {
        i++;
      }
      int expStart = i;
      while (i < n && isDigit(v.charAt(i))) {
        i++;
      }
      if (i == expStart) {
        return -1;
      }
    }
    return i == n ? intDigits : -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
