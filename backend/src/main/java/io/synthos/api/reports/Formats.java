package io.synthos.api.reports;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the page writes numbers: the same in every locale, as short as they stay readable. */
final class Formats {

  /** What the page shows where a figure is null. */
  static final String NONE = "—";

  /** Beyond the year 9999 a date would need a sign and more digits; a plain number reads better. */
  private static final double MAX_SECONDS = 253402300800.0;

  private static final MathContext FIGURE = new MathContext(4);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private Formats() {}

  /** A figure to four significant digits, without an exponent: 0.8123, 1234, 0.0001234. */
  static String figure(Number value) {
    if (value == null) {
      return NONE;
    }
    double number = value.doubleValue();
    if (!Double.isFinite(number)) {
      return String.valueOf(number);
    }
    if (value instanceof Integer || value instanceof Long) {
      return value.toString();
    }
    return new BigDecimal(number).round(FIGURE).stripTrailingZeros().toPlainString();
  }

  /** The overall score 0–100 with one decimal. */
  static String overall(Number score) {
    return score == null ? NONE : String.format(Locale.ROOT, "%.1f", score.doubleValue());
  }

  /** A 0–1 score with three decimals. */
  static String score(Number score) {
    return score == null ? NONE : String.format(Locale.ROOT, "%.3f", score.doubleValue());
  }

  /** A share 0–1 as a percentage with one decimal. */
  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f %%", share * 100);
  }

  /** A datetime column's value (epoch seconds, UTC): the date alone when it is midnight. */
  static String epochSeconds(double seconds) {
    if (!(Math.abs(seconds) < MAX_SECONDS)) {
      return figure(seconds);
    }
    Instant instant = Instant.ofEpochSecond((long) Math.floor(seconds));
    return (seconds % 86400 == 0 ? DATE : DATE_TIME).format(instant.atOffset(ZoneOffset.UTC));
  }

  /** A JSON key as words: {@code baseline_protection} reads "baseline protection". */
  static String words(String key) {
    return key.replace('_', ' ');
  }
}
